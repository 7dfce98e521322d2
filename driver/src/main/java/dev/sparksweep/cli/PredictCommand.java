package dev.sparksweep.cli;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.predict.Predictor;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.RunStorage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the class of new rows with a run's winner and its saved preprocessing.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "a finished run directory: a "
            + "path or an hdfs://, s3a://, file:// URI")
    String run;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "rows to predict, read as the run read its data; a csv:, parquet: or libsvm: prefix "
                    + "picks another reader. The label column may be left out; when present, accuracy is printed")
    String input;

    @Option(names = "--output", paramLabel = "FILE", description = "CSV to write, a path or a Hadoop URI (default: "
            + "standard output)")
    String output;

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
        dev.sparksweep.worker.gpu.Cuda.hideFromNd4j(); // CPU work: a CUDA jar on the classpath is not probed
        PrintWriter console = spec.commandLine().getOut();
        RunDirectory runDir = RunDirectory.at(run).reachable();
        if (output == null) {
            Predictor.Summary s = Predictor.predict(spark.master, runDir, input, probabilities, console);
            spec.commandLine().getErr().println(Predictor.describe(s, "standard output"));
            return 0;
        }
        int slash = output.lastIndexOf('/');
        String name = output.substring(slash + 1);
        RunStorage folder = RunStorage.at(slash < 0 ? "." : slash == 0 ? "/" : output.substring(0, slash));
        if (name.isEmpty() || folder.isDirectory(name)) {
            throw new BadInputException("--output: " + output + ": must be a file, but got a directory");
        }
        boolean exists = folder.isFile(name);
        if (exists && !force) {
            throw new BadInputException("--output: " + output + ": must not exist (pass --force to replace it), but "
                    + "it does");
        }
        if (exists && !isPredictions(folder.read(name))) {
            throw new BadInputException("--output: " + output + ": --force replaces only an empty file or one that "
                    + "sweep predict wrote (its first line starts with \"row,prediction\"), but got another file "
                    + "(nothing was touched)");
        }
        Predictor.Summary[] s = new Predictor.Summary[1];
        folder.write(name, out -> {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            s[0] = Predictor.predict(spark.master, runDir, input, probabilities, w);
            w.flush();
        });
        console.println(Predictor.describe(s[0], output));
        return 0;
    }

    private static boolean isPredictions(byte[] file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(file)).toString();
            return text.isEmpty() || text.startsWith("row,prediction");
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
