package dev.sparksweep.app;

import dev.sparksweep.results.RunDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.app.SweepRun;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.TrialStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Successive halving on the digits under Spark local[2], against the same candidates trained whole. */
@Tag("spark")
class HalvingEndToEndTest {
    static final String SPACE = """
            space:
              hidden_layers: [1, 2]
              width: [32, 64, 128]
              batch_size: 32
              learning_rate: {log_uniform: [1.0e-4, 3.0e-2]}
              dropout: {uniform: [0.0, 0.3]}
              epochs: 27
              early_stopping: {monitor: val_loss, patience: 5}
            """;

    @TempDir
    Path dir;

    List<TrialRecord> run(String name, String search) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, "name: " + name + "\ndata: {source: 'builtin:digits'}\n" + search + SPACE);
        SweepRun.execute(ConfigLoader.load(config), new SweepRun.Options(dir.resolve(name).toString(), "local[2]", null, null,
                false), new PrintWriter(new StringWriter()));
        return new RunDirectory(dir.resolve(name)).trials();
    }

    @Test
    void promotedTrialsContinueTheirEpochsAndHalvingTrainsLessThanHalfTheEpochs() throws Exception {
        List<TrialRecord> halving = run("halving",
                "search: {strategy: halving, max_trials: 12, min_epochs: 3, eta: 3, seed: 5}\n");
        List<TrialRecord> whole = run("whole", "search: {strategy: random, max_trials: 12, seed: 5}\n");

        assertEquals(12, halving.size());
        assertEquals(whole.stream().map(TrialRecord::id).sorted().toList(),
                halving.stream().map(TrialRecord::id).sorted().toList());
        for (TrialRecord t : halving) {
            // one unbroken sequence of epochs 1..n, whatever segments it was trained in
            assertEquals(IntStream.rangeClosed(1, t.epochsTrained()).boxed().toList(),
                    t.history().stream().map(EpochMetrics::epoch).toList(), t.id());
            assertEquals(3, t.rungs().isEmpty() ? 3 : t.rungs().get(0), t.id());
        }
        long promoted = halving.stream().filter(t -> t.rungs().size() >= 2).count();
        assertTrue(promoted >= 4, "trials judged at two rungs or more: " + promoted);
        assertTrue(halving.stream().anyMatch(t -> t.status() == TrialStatus.PRUNED));
        assertTrue(halving.stream().anyMatch(t -> t.epochsTrained() > 9), "no trial trained past the second rung");
        long halvingEpochs = halving.stream().mapToLong(TrialRecord::epochsTrained).sum();
        long wholeEpochs = whole.stream().mapToLong(TrialRecord::epochsTrained).sum();
        assertTrue(2 * halvingEpochs < wholeEpochs, "halving " + halvingEpochs + " epochs, whole " + wholeEpochs);
        List<String> board = Files.readAllLines(dir.resolve("halving").resolve("leaderboard.md"));
        assertTrue(board.stream().anyMatch(l -> l.startsWith("Successive halving: trials that reached more rungs")));
        TrialRecord first = new RunDirectory(dir.resolve("halving")).trials().stream()
                .max((a, b) -> Integer.compare(a.rungs().size(), b.rungs().size())).orElseThrow();
        assertEquals(TrialStatus.COMPLETE, first.status());
    }

    @Test
    void withReproducibleTwoRunsMakeTheSameDecisions() throws Exception {
        String search = "search: {strategy: halving, max_trials: 9, min_epochs: 2, eta: 3, seed: 8, reproducible: true}\n";
        List<TrialRecord> a = run("again-a", search);
        List<TrialRecord> b = run("again-b", search);
        assertEquals(9, a.size());
        assertEquals(summary(a), summary(b));
    }

    static List<String> summary(List<TrialRecord> trials) {
        return trials.stream().map(t -> t.id() + " " + t.status() + " " + t.epochsTrained() + " " + t.rungs() + " "
                + t.valAccuracy()).sorted().toList();
    }
}
