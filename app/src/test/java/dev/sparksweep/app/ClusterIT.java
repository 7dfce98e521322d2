package dev.sparksweep.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * spark-submit of the application jar to a real standalone cluster on 127.0.0.1 (a Master and two Workers,
 * each its own JVM, started by scripts/cluster-up), then a driver killed with -9 mid-search and resumed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path WORK = Path.of("target", "cluster-it").toAbsolutePath();
    static final Pattern ID = Pattern.compile("\"id\":\"(c[0-9a-f]{10})\"");
    static final Pattern EXECUTOR = Pattern.compile("\"executor\":\"([^\"]*)\"");
    String master;

    record Run(int code, String out) {
    }

    static Map<String, String> env() {
        return Map.of("SPARKSWEEP_CLUSTER_DIR", WORK.resolve("cluster").toString(),
                "SPARKSWEEP_MASTER_PORT", "7377", "SPARK_LOCAL_IP", "127.0.0.1");
    }

    static Process start(Path log, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env());
        return pb.start();
    }

    static Run run(long timeoutSeconds, String... command) throws Exception {
        Path log = Files.createTempFile(WORK, "run", ".log");
        Process p = start(log, command);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @BeforeAll
    void clusterUp() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("grid.yaml"), """
                name: cluster-it
                data: {source: 'builtin:digits'}
                search: {strategy: grid, seed: 1}
                space:
                  width: [16, 24, 32, 48, 64, 96]
                  dropout: [0.0, 0.2]
                  epochs: 12
                execution: {engine: dl4j}
                """);
        Files.writeString(WORK.resolve("halving.yaml"), """
                name: cluster-halving
                data: {source: 'builtin:digits'}
                search: {strategy: halving, max_trials: 12, min_epochs: 2, eta: 3, seed: 8, reproducible: true}
                space:
                  hidden_layers: [1, 2]
                  width: [32, 64, 128]
                  batch_size: 16
                  learning_rate: {log_uniform: [1.0e-4, 3.0e-2]}
                  epochs: 18
                  early_stopping: {monitor: val_loss, patience: 5}
                """);
        Run up = run(180, "scripts/cluster-up", "2");
        assertEquals(0, up.code(), up.out());
        master = up.out().lines().filter(l -> l.startsWith("spark://")).findFirst().orElseThrow();
    }

    @AfterAll
    void clusterDown() throws Exception {
        run(60, "scripts/cluster-down");
        // each executor fetched its own copy of the 160 MB application jar into the workers' directories
        deleteTree(WORK.resolve("cluster"));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static List<String> journal(Path runDir) throws IOException {
        Path f = runDir.resolve("trials.jsonl");
        return Files.exists(f) ? Files.readAllLines(f).stream().filter(l -> l.endsWith("}")).toList() : List.of();
    }

    static List<String> all(Pattern p, List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Submits the grid in the background and returns once its journal holds {@code trials} lines. */
    Process submitAndWaitForTrials(Path runDir, Path log, int trials) throws Exception {
        Process driver = start(log, "scripts/submit", "--master", master, WORK.resolve("grid.yaml").toString(),
                "--output", runDir.toString(), "--force");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (journal(runDir).size() < trials && System.nanoTime() < deadline && driver.isAlive()) {
            Thread.sleep(200);
        }
        return driver;
    }

    @Test
    void aSubmittedSearchRunsEveryCandidateOnceOnTwoExecutors() throws Exception {
        Path runDir = WORK.resolve("submitted");
        Run r = run(300, "scripts/submit", "--master", master, WORK.resolve("grid.yaml").toString(), "--output",
                runDir.toString(), "--force");
        assertEquals(0, r.code(), r.out());
        List<String> lines = journal(runDir);
        assertEquals(12, lines.size());
        assertEquals(12, Set.copyOf(all(ID, lines)).size());
        Set<String> executors = Set.copyOf(all(EXECUTOR, lines));
        assertTrue(executors.size() >= 2, "trials ran on " + executors);
        assertTrue(Files.size(runDir.resolve("best/model.zip")) > 1000);
    }

    @Test
    void anExecutorKilledMidSearchCostsNoTrialAndTheJournalNamesTheRetry() throws Exception {
        Path runDir = WORK.resolve("executor-lost");
        Path log = WORK.resolve("executor-lost-driver.log");
        Process driver = submitAndWaitForTrials(runDir, log, 2);
        Thread.sleep(500); // both executors are into their next trial
        List<Long> workers = new ArrayList<>();
        try (var pids = Files.newDirectoryStream(WORK.resolve("cluster"), "worker-*.pid")) {
            for (Path f : pids) {
                workers.add(Long.parseLong(Files.readString(f).trim()));
            }
        }
        ProcessHandle executor = ProcessHandle.allProcesses()
                .filter(p -> p.parent().map(q -> workers.contains(q.pid())).orElse(false))
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .findFirst().orElseThrow(() -> new AssertionError("no executor JVM under the workers " + workers));
        long killedAt = System.nanoTime();
        executor.destroyForcibly();
        assertTrue(driver.waitFor(300, TimeUnit.SECONDS), "the search did not finish after the executor was lost");
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        assertEquals(0, driver.exitValue(), Files.readString(log));
        List<String> lines = journal(runDir);
        assertEquals(12, lines.size());
        assertEquals(12, Set.copyOf(all(ID, lines)).size(), "a trial is in the journal twice");
        List<String> retried = lines.stream().filter(l -> !l.contains("\"attempt\":0")).toList();
        assertEquals(1, retried.size(), "trials whose task ran again: " + retried.size());
        System.out.printf("executor %d killed; the search finished %.1f s later, with %s retried%n", executor.pid(),
                seconds, all(ID, retried));
    }

    @Test
    void aDriverKilledMidSearchResumesWithoutTrainingAnythingTwice() throws Exception {
        Path runDir = WORK.resolve("killed");
        Path log = WORK.resolve("killed-driver.log");
        Process driver = submitAndWaitForTrials(runDir, log, 3);
        assertTrue(driver.isAlive(), "the driver ended before it could be killed:\n" + Files.readString(log));
        long killedAt = System.nanoTime();
        driver.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        driver.destroyForcibly();
        driver.waitFor(30, TimeUnit.SECONDS);
        List<String> before = all(ID, journal(runDir));
        assertTrue(before.size() >= 3 && before.size() < 12, "journal at the kill: " + before.size());

        Run resumed = run(300, "scripts/submit", "--master", master, WORK.resolve("grid.yaml").toString(),
                "--output", runDir.toString(), "--resume");
        double recovery = (System.nanoTime() - killedAt) / 1e9;
        assertEquals(0, resumed.code(), resumed.out());
        List<String> after = all(ID, journal(runDir));
        assertEquals(12, after.size());
        assertEquals(12, Set.copyOf(after).size(), "a trial trained twice: " + after);
        assertEquals(before, after.subList(0, before.size()));
        System.out.printf("driver killed after %d trials; resumed and finished %.1f s after the kill%n",
                before.size(), recovery);
        assertTrue(resumed.out().contains("resuming " + runDir + ": " + before.size() + " trials already in the "
                + "journal, " + (12 - before.size()) + " to train"), resumed.out());
        Set<String> leaderboard = Files.readAllLines(runDir.resolve("leaderboard.csv")).stream().skip(1)
                .map(l -> l.split(",")[1]).collect(Collectors.toSet());
        assertEquals(Set.copyOf(after), leaderboard);
    }

    @Test
    void aDriverKilledMidHalvingResumesFromItsCheckpointsToTheUninterruptedLeaderboard() throws Exception {
        Path whole = WORK.resolve("halving-whole");
        Run w = run(300, "scripts/submit", "--master", master, WORK.resolve("halving.yaml").toString(), "--output",
                whole.toString(), "--force");
        assertEquals(0, w.code(), w.out());

        Path runDir = WORK.resolve("halving-killed");
        Path log = WORK.resolve("halving-killed-driver.log");
        Process driver = start(log, "scripts/submit", "--master", master, WORK.resolve("halving.yaml").toString(),
                "--output", runDir.toString(), "--force");
        Path segments = runDir.resolve("segments.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (driver.isAlive() && System.nanoTime() < deadline && !(Files.isRegularFile(segments)
                && Files.readString(segments).contains("\"decision\":\"promoted\"")
                && Files.isDirectory(runDir.resolve("checkpoints")))) {
            Thread.sleep(50);
        }
        assertTrue(driver.isAlive(), "the driver ended before it could be killed:\n" + Files.readString(log));
        long killedAt = System.nanoTime();
        driver.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        driver.destroyForcibly();
        driver.waitFor(30, TimeUnit.SECONDS);
        int before = journal(runDir).size();

        Run resumed = run(300, "scripts/submit", "--master", master, WORK.resolve("halving.yaml").toString(),
                "--output", runDir.toString(), "--resume");
        double recovery = (System.nanoTime() - killedAt) / 1e9;
        assertEquals(0, resumed.code(), resumed.out());
        assertTrue(resumed.out().contains("rebuilt the search from segments.jsonl: "), resumed.out());
        List<String> after = all(ID, journal(runDir));
        assertEquals(12, after.size());
        assertEquals(12, Set.copyOf(after).size(), "a trial journalled twice: " + after);
        Pattern segment = Pattern.compile("\"event\":\"end\",\"trial\":\"(c[0-9a-f]{10}\",\"to\":\\d+)");
        List<String> ends = all(segment, Files.readAllLines(segments));
        assertTrue(ends.size() > 12, "segments ended: " + ends.size());
        assertEquals(ends.size(), Set.copyOf(ends).size(), "a segment that had ended was trained again: " + ends);
        assertEquals(table(whole), table(runDir));
        assertTrue(Files.notExists(runDir.resolve("checkpoints")));
        System.out.printf("halving driver killed with %d trials journalled; resumed and finished %.1f s after the "
                + "kill%n", before, recovery);
    }

    /** leaderboard.csv without its seconds column. */
    static List<String> table(Path runDir) throws IOException {
        List<String> rows = Files.readAllLines(runDir.resolve("leaderboard.csv"));
        int seconds = List.of(rows.get(0).split(",")).indexOf("seconds");
        return rows.stream().map(l -> {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(seconds);
            return String.join(",", cells);
        }).toList();
    }
}
