package dev.sparksweep.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * execution.mode data_parallel against per_candidate on Spark's local-cluster (two executors, each its own JVM),
 * through spark-submit of the application jar: the same grid, the same journal and leaderboard shape, the winner
 * within 2 points of test accuracy, and no scratch files left behind.
 */
class DataParallelIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path WORK = Path.of("target", "data-parallel-it").toAbsolutePath();
    static final Pattern TEST_ACCURACY = Pattern.compile("test accuracy (\\d\\.\\d+)");
    static final String GRID = """
            name: %s
            data:
              source: builtin:digits
              split: {train: 0.6, validation: 0.2, test: 0.2, stratify: true, seed: 42}
              scale: max
            search: {strategy: grid, objective: val_accuracy, seed: 42}
            space:
              width: [32, 64]
              batch_size: 16
              epochs: 30
              learning_rate: 0.01
              early_stopping: {monitor: val_loss, patience: 3}
            %s
            """;

    static ClusterIT.Run submit(String name, String execution) throws Exception {
        Path config = WORK.resolve(name + ".yaml");
        Files.writeString(config, GRID.formatted(name, execution));
        Path log = Files.createTempFile(WORK, name, ".log");
        ProcessBuilder pb = new ProcessBuilder("scripts/submit", "--master", "local-cluster[2,1,2048]",
                config.toString(), "--output", WORK.resolve(name).toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("TMPDIR", WORK.resolve("tmp").toString());
        Process p = pb.start();
        if (!p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(name + " did not finish in 600 s:\n" + Files.readString(log));
        }
        return new ClusterIT.Run(p.exitValue(), Files.readString(log));
    }

    static double testAccuracy(ClusterIT.Run r) {
        Matcher m = TEST_ACCURACY.matcher(r.out());
        assertTrue(m.find(), r.out());
        return Double.parseDouble(m.group(1));
    }

    @Test
    void dataParallelTrainingMatchesPerCandidateWithinTwoPointsAndLeavesNoFiles() throws Exception {
        ClusterIT.deleteTree(WORK);
        Files.createDirectories(WORK.resolve("tmp"));
        ClusterIT.Run perCandidate = submit("per-candidate", "");
        assertEquals(0, perCandidate.code(), perCandidate.out());
        ClusterIT.Run dataParallel = submit("data-parallel",
                "execution: {mode: data_parallel, data_parallel: {averaging_frequency: 1}}");
        assertEquals(0, dataParallel.code(), dataParallel.out());
        assertTrue(dataParallel.out().contains("engine dl4j-spark"), dataParallel.out());
        assertTrue(dataParallel.out().contains("data parallel: 2 workers"), dataParallel.out());

        double pc = testAccuracy(perCandidate);
        double dp = testAccuracy(dataParallel);
        assertTrue(dp >= pc - 0.02, "data-parallel test accuracy " + dp + " vs per-candidate " + pc);

        List<String> a = ClusterIT.journal(WORK.resolve("per-candidate"));
        List<String> b = ClusterIT.journal(WORK.resolve("data-parallel"));
        assertEquals(2, a.size());
        assertEquals(2, b.size());
        assertEquals(ClusterIT.all(ClusterIT.ID, a).stream().sorted().toList(),
                ClusterIT.all(ClusterIT.ID, b).stream().sorted().toList());
        assertEquals(keys(a.get(0)), keys(b.get(0)));
        assertEquals(Files.readAllLines(WORK.resolve("per-candidate").resolve("leaderboard.csv")).get(0),
                Files.readAllLines(WORK.resolve("data-parallel").resolve("leaderboard.csv")).get(0));
        for (String f : List.of("report.html", "leaderboard.md", "best/model.zip", "best/test-metrics.json")) {
            assertTrue(Files.exists(WORK.resolve("data-parallel").resolve(f)), f);
        }
        try (Stream<Path> s = Files.walk(WORK.resolve("tmp"))) {
            assertEquals(List.of(), s.filter(p -> p.toString().contains("sparksweep-scratch"))
                    .filter(Files::isRegularFile).toList());
        }
    }

    /** The top-level keys of a journal line, in order. */
    static List<String> keys(String json) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).fieldNames().forEachRemaining(out::add);
        return out;
    }
}
