package dev.sparksweep.app;

import dev.sparksweep.results.RunDirectory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.cli.Cli;
import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.common.Json;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.search.GridSearch;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.data.Dataset;
import dev.sparksweep.data.DatasetLoader;
import dev.sparksweep.data.Split;
import dev.sparksweep.worker.Candidate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The whole path under real Spark local[2] and real DL4J training, through the command line. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("spark")
class EndToEndTest {
    static final String CONFIG = """
            name: e2e
            data:
              source: builtin:digits
              split: {train: 0.6, validation: 0.2, test: 0.2, stratify: true, seed: 42}
              scale: max
            search: {strategy: grid, objective: val_accuracy, seed: 42}
            space:
              hidden_layers: 1
              width: [64, 128]
              batch_size: 16
              epochs: 10
              dropout: [0.0, 0.2]
              early_stopping: {monitor: val_loss, patience: 3}
            """;

    @TempDir
    static Path dir;
    Path config;
    Path first;
    String firstOut;

    @BeforeAll
    void runOnce() throws Exception {
        config = dir.resolve("e2e.yaml");
        Files.writeString(config, CONFIG);
        first = dir.resolve("first");
        Cli.Result r = Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", first.toString());
        assertEquals(0, r.code(), r.err());
        firstOut = r.out();
    }

    @Test
    void theJournalHasOneLinePerCandidate() throws Exception {
        SweepConfig cfg = ConfigLoader.load(config);
        List<String> expected = new GridSearch(cfg.space(), 42, Integer.MAX_VALUE).candidates().stream()
                .map(Candidate::id).sorted().toList();
        assertEquals(4, Files.readAllLines(first.resolve("trials.jsonl")).size());
        List<TrialRecord> journal = new RunDirectory(first).trials();
        assertEquals(expected, journal.stream().map(TrialRecord::id).sorted().toList());
        for (TrialRecord t : journal) {
            assertEquals("COMPLETE", t.status().name(), t.reason());
            assertTrue(t.epochsTrained() >= 1 && t.epochsTrained() <= 10);
            assertEquals(t.epochsTrained(), t.history().size());
            assertTrue(!t.executor().isEmpty() && !t.host().isEmpty());
            // 1078 training rows in batches of 16: 68 steps an epoch
            assertEquals(68L * t.epochsTrained(), t.steps());
            assertTrue(t.timings().trainMillis() > 0 && t.timings().totalMillis() >= t.timings().trainMillis());
            assertTrue(t.timings().jobMillis() >= t.timings().totalMillis(), t.timings().toString());
        }
        assertEquals(4, firstOut.lines().filter(l -> l.matches("\\[\\d/4] c[0-9a-f]{10} complete .*")).count(),
                firstOut);
    }

    @Test
    void theLeaderboardIsInObjectiveOrderAndTheWinnerPassesTheTest() throws Exception {
        List<String> rows = Files.readAllLines(first.resolve("leaderboard.csv"));
        assertEquals(5, rows.size());
        List<String> header = Arrays.asList(rows.get(0).split(","));
        int acc = header.indexOf("val_accuracy");
        double[] accs = rows.subList(1, 5).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[acc]))
                .toArray();
        for (int i = 1; i < accs.length; i++) {
            assertTrue(accs[i - 1] >= accs[i], Arrays.toString(accs));
        }
        String winner = rows.get(1).split(",")[1];
        JsonNode test = Json.MAPPER.readTree(first.resolve("best/test-metrics.json").toFile());
        assertEquals(winner, test.get("trial_id").asText());
        assertTrue(test.get("accuracy").asDouble() >= 0.93, "test accuracy " + test.get("accuracy"));
        assertEquals(360, test.get("rows").asInt());
        int cells = 0;
        for (JsonNode row : test.get("confusion_matrix")) {
            for (JsonNode c : row) {
                cells += c.asInt();
            }
        }
        assertEquals(360, cells);
        assertTrue(Files.size(first.resolve("best/model.zip")) > 1000);
        assertTrue(Files.exists(first.resolve("models").resolve(winner + ".zip")));
        JsonNode prep = Json.MAPPER.readTree(first.resolve("best/preprocessing.json").toFile());
        assertEquals(16.0, prep.get("scale_divisor").get(0).asDouble());
        JsonNode run = Json.MAPPER.readTree(first.resolve("run.json").toFile());
        assertEquals("46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a",
                run.get("data_sha256").asText());
        assertEquals("local[2]", run.get("master").asText());
        assertEquals(2, run.get("parallelism").asInt());
        assertEquals(CONFIG, Files.readString(first.resolve("config.yaml")));
        assertTrue(firstOut.contains("winner " + winner + ": "), firstOut);
    }

    @Test
    void theSameConfigAndSeedGiveTheSameLeaderboard() throws Exception {
        Path second = dir.resolve("second");
        Cli.Result r = Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", second.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(withoutTimes(first), withoutTimes(second));
        assertArrayEquals(Files.readAllBytes(first.resolve("best/test-metrics.json")),
                Files.readAllBytes(second.resolve("best/test-metrics.json")));
    }

    @Test
    void exactTrainMetricsChangeOnlyTheTrainValues() throws Exception {
        Path exactConfig = dir.resolve("e2e-exact.yaml");
        Files.writeString(exactConfig, CONFIG + "history: {train_metrics: exact}\n");
        Path exact = dir.resolve("exact");
        Cli.Result r = Cli.sweep("run", exactConfig.toString(), "--master", "local[2]", "--output", exact.toString());
        assertEquals(0, r.code(), r.err());
        List<TrialRecord> running = dev.sparksweep.results.Leaderboard.of(new RunDirectory(first).trials(),
                dev.sparksweep.worker.Monitor.VAL_ACCURACY).ranked();
        List<TrialRecord> exactly = dev.sparksweep.results.Leaderboard.of(new RunDirectory(exact).trials(),
                dev.sparksweep.worker.Monitor.VAL_ACCURACY).ranked();
        assertEquals(running.stream().map(TrialRecord::id).toList(), exactly.stream().map(TrialRecord::id).toList());
        int differ = 0;
        for (int i = 0; i < running.size(); i++) {
            var a = running.get(i).history();
            var b = exactly.get(i).history();
            assertEquals(a.size(), b.size());
            for (int e = 0; e < a.size(); e++) {
                assertEquals(a.get(e).valLoss(), b.get(e).valLoss(), 0.0);
                assertEquals(a.get(e).valAccuracy(), b.get(e).valAccuracy(), 0.0);
                if (a.get(e).trainLoss() != b.get(e).trainLoss()) {
                    differ++;
                }
            }
            // the running mean of the first epoch includes its first, untrained batches
            assertTrue(a.get(0).trainLoss() > b.get(0).trainLoss(), a.get(0) + " against " + b.get(0));
        }
        assertEquals(running.stream().mapToInt(t -> t.history().size()).sum(), differ);
        assertEquals("running", Json.MAPPER.readTree(first.resolve("run.json").toFile()).get("train_metrics").asText());
        assertEquals("exact", Json.MAPPER.readTree(exact.resolve("run.json").toFile()).get("train_metrics").asText());
    }

    @Test
    void anExistingRunDirectoryIsRefusedAndLeftAsItWas() throws Exception {
        byte[] journal = Files.readAllBytes(first.resolve("trials.jsonl"));
        Cli.Result r = Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", first.toString());
        assertEquals(2, r.code());
        assertEquals("sweep: " + first + ": the run directory must be new or empty (pass --resume to continue it, "
                + "--force to replace it, or --output DIR), but got one that holds an earlier run\n", r.err());
        assertArrayEquals(journal, Files.readAllBytes(first.resolve("trials.jsonl")));
    }

    /** The leaderboard without its timing column, which is the one thing allowed to differ. */
    static String withoutTimes(Path run) throws Exception {
        List<String> rows = Files.readAllLines(run.resolve("leaderboard.csv"));
        int seconds = Arrays.asList(rows.get(0).split(",")).indexOf("seconds");
        return rows.stream().map(l -> {
            List<String> cells = new java.util.ArrayList<>(Arrays.asList(l.split(",", -1)));
            cells.remove(seconds);
            return String.join(",", cells);
        }).collect(Collectors.joining("\n"));
    }


    @Test
    void predictOnTheHeldOutRowsReproducesTheTestAccuracy() throws Exception {
        SweepConfig cfg = ConfigLoader.load(config);
        Dataset digits = DatasetLoader.digits();
        Split split = Split.of(digits.y(), digits.numClasses(), cfg.data().split());
        List<String> withLabel = new java.util.ArrayList<>();
        List<String> withoutLabel = new java.util.ArrayList<>();
        for (int r : split.test()) {
            StringBuilder row = new StringBuilder();
            for (int j = 0; j < 64; j++) {
                row.append(j == 0 ? "" : ",").append((int) digits.x()[r * 64 + j]);
            }
            withoutLabel.add(row.toString());
            withLabel.add(row + "," + digits.labelNames().get(digits.y()[r]));
        }
        Path labelled = dir.resolve("held-out.csv");
        Files.write(labelled, withLabel);
        Path unlabelled = dir.resolve("held-out-no-label.csv");
        Files.write(unlabelled, withoutLabel);
        Path predictions = dir.resolve("predictions.csv");
        Cli.Result r = Cli.sweep("predict", "--run", first.toString(), "--input", labelled.toString(), "--output",
                predictions.toString(), "--probabilities");
        assertEquals(0, r.code(), r.err());

        double accuracy = Json.MAPPER.readTree(first.resolve("best").resolve("test-metrics.json").toFile())
                .get("accuracy").asDouble();
        List<String> lines = Files.readAllLines(predictions);
        assertEquals("row,prediction,label,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9", lines.get(0));
        assertEquals(360, lines.size() - 1);
        long right = lines.stream().skip(1).map(l -> l.split(",")).filter(c -> c[1].equals(c[2])).count();
        assertEquals(accuracy, right / 360.0, 1e-12);
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "accuracy %.4f on 360 rows", accuracy)),
                r.out());

        Cli.Result plain = Cli.sweep("predict", "--run", first.toString(), "--input", unlabelled.toString());
        assertEquals(0, plain.code(), plain.err());
        List<String> same = lines.stream().skip(1).map(l -> String.join(",", Arrays.copyOf(l.split(","), 2)))
                .toList();
        assertEquals(same, plain.out().lines().skip(1).toList());

        Path narrow = dir.resolve("ten-columns.csv");
        Files.write(narrow, List.of("1,2,3,4,5,6,7,8,9,10"));
        Cli.Result mismatch = Cli.sweep("predict", "--run", first.toString(), "--input", narrow.toString());
        assertEquals(2, mismatch.code());
        assertEquals("sweep: --input: csv:" + narrow + ": feature count mismatch: the run was trained on 64 features "
                + "(65 columns with the label), but the input has 10 columns\n", mismatch.err());

        Cli.Result again = Cli.sweep("predict", "--run", first.toString(), "--input", labelled.toString(),
                "--output", predictions.toString());
        assertEquals(2, again.code());
        assertEquals("sweep: --output: " + predictions + ": must not exist (pass --force to replace it), but it "
                + "does\n", again.err());
    }
}
