package dev.sparksweep.cli;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.predict.Predictor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the class of new rows with a run's winner and its saved preprocessing.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "a finished run directory")
    Path run;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "rows to predict, read as the run read its data; a csv:, parquet: or libsvm: prefix "
                    + "picks another reader. The label column may be left out; when present, accuracy is printed")
    String input;

    @Option(names = "--output", paramLabel = "FILE", description = "CSV to write (default: standard output)")
    Path output;

    @Option(names = "--probabilities", description = "add one p_<class> column per class")
    boolean probabilities;

    @Option(names = "--force", description = "replace an existing --output file")
    boolean force;

    @CommandLine.Mixin
    MasterOption spark = new MasterOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        if (output == null) {
            Predictor.Summary s = Predictor.predict(spark.master, run, input, probabilities, console);
            spec.commandLine().getErr().println(Predictor.describe(s, "standard output"));
            return 0;
        }
        if (Files.exists(output) && !force) {
            throw new BadInputException("--output: " + output + ": must not exist (pass --force to replace it), but "
                    + "it does");
        }
        if (Files.exists(output) && !isPredictions(output)) {
            throw new BadInputException("--output: " + output + ": --force replaces only an empty file or one that "
                    + "sweep predict wrote (its first line starts with \"row,prediction\"), but got another file "
                    + "(nothing was touched)");
        }
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".predict-", ".csv.tmp");
        try {
            Predictor.Summary s;
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                s = Predictor.predict(spark.master, run, input, probabilities, w);
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            console.println(Predictor.describe(s, output.toString()));
        } finally {
            Files.deleteIfExists(tmp);
        }
        return 0;
    }

    private static boolean isPredictions(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            return first == null || first.startsWith("row,prediction");
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
