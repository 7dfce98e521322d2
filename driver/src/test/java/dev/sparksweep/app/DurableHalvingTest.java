package dev.sparksweep.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.cli.Cli;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.SegmentLine;
import dev.sparksweep.results.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A halving search whose driver JVM is killed with SIGKILL mid-search, and resumed: every candidate is journalled
 * once, no segment that had ended is trained again, and (reproducible) the leaderboard is the uninterrupted one.
 */
@Tag("spark")
class DurableHalvingTest {
    static final String CONFIG = """
            name: durable
            data: {source: 'builtin:digits'}
            search: {strategy: halving, max_trials: 12, min_epochs: 2, eta: 3, seed: 8, reproducible: true}
            space:
              hidden_layers: [1, 2]
              width: [32, 64, 128]
              batch_size: 16
              learning_rate: {log_uniform: [1.0e-4, 3.0e-2]}
              dropout: {uniform: [0.0, 0.3]}
              epochs: 18
              early_stopping: {monitor: val_loss, patience: 5}
            """;

    @TempDir
    Path dir;

    @Test
    void aDriverKilledMidHalvingResumesToTheLeaderboardOfAnUninterruptedRun() throws Exception {
        Path config = dir.resolve("durable.yaml");
        Files.writeString(config, CONFIG);
        Path whole = dir.resolve("whole");
        assertEquals(0, Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", whole.toString(),
                "--quiet").code());

        // a halving run directory without its segment log cannot be replayed, and is left as it was
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        for (String f : List.of(RunDirectory.MARKER, RunDirectory.CONFIG, RunDirectory.RESOLVED_CONFIG,
                RunDirectory.FINGERPRINT, RunDirectory.JOURNAL)) {
            Files.copy(whole.resolve(f), old.resolve(f));
        }
        byte[] journal = Files.readAllBytes(old.resolve(RunDirectory.JOURNAL));
        Cli.Result refused = Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", old.toString(),
                "--resume");
        assertEquals(2, refused.code(), refused.err());
        assertEquals("sweep: " + old.resolve(RunDirectory.SEGMENTS) + ": --resume of a halving search replays its "
                + "segment log, but got a run directory without one (written before SparkSweep kept one)\n",
                refused.err());
        assertTrue(java.util.Arrays.equals(journal, Files.readAllBytes(old.resolve(RunDirectory.JOURNAL))));

        Path crashed = dir.resolve("crashed");
        Process driver = Cli.inAnotherJvm(dir.resolve("driver.log"), "run", config.toString(), "--master",
                "local[2]", "--output", crashed.toString(), "--quiet");
        RunDirectory run = new RunDirectory(crashed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        // killed once two of the (about five) promotions have started: paused trials wait on disk, more are due
        while (driver.isAlive() && System.nanoTime() < deadline && !(promotions(run) >= 2
                && Files.isDirectory(crashed.resolve(RunDirectory.CHECKPOINTS)))) {
            Thread.sleep(20);
        }
        assertTrue(driver.isAlive(), "the run ended before it could be killed: "
                + Files.readString(dir.resolve("driver.log")));
        driver.destroyForcibly(); // SIGKILL
        driver.waitFor(30, TimeUnit.SECONDS);
        int before = journalled(run);
        java.util.Set<String> journalAtKill = new java.util.HashSet<>();
        run.trials().forEach(t -> journalAtKill.add(t.id()));
        assertTrue(before < 12, "journalled at the kill: " + before);
        List<SegmentLine> atKill = run.segments();
        Path torn = dir.resolve("torn");
        copyTree(crashed, torn);

        Cli.Result r = Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", crashed.toString(),
                "--resume");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("rebuilt the search from segments.jsonl: "), r.out());
        r.out().lines().filter(l -> l.startsWith("rebuilt ")).forEach(l -> System.out.println(
                "killed with " + before + " trials journalled; " + l));
        assertTrue(r.out().contains("resuming " + crashed + ": " + before + " trials already in the journal, "
                + (12 - before) + " to train"), r.out());

        List<TrialRecord> trials = run.trials();
        assertEquals(12, trials.size());
        assertEquals(12, trials.stream().map(TrialRecord::id).distinct().count());
        Map<String, Integer> ends = new HashMap<>();
        for (SegmentLine l : run.segments()) {
            if (l.event().equals("end")) {
                ends.merge(l.trial() + " to " + l.to(), 1, Integer::sum);
            }
        }
        // a trial's last segment trains again only when the kill fell after its end and before its journal line
        ends.forEach((segment, n) -> {
            String trial = segment.substring(0, segment.indexOf(' '));
            int to = Integer.parseInt(segment.substring(segment.lastIndexOf(' ') + 1));
            boolean lastSegmentNotJournalled = !journalAtKill.contains(trial) && atKill.stream().anyMatch(l ->
                    l.event().equals("end") && l.trial().equals(trial) && l.to() == to && l.paused() == null);
            assertEquals(lastSegmentNotJournalled ? Math.min(n, 2) : 1, n, segment + " ended " + n + " times");
        });
        long endedAtKill = atKill.stream().filter(l -> l.event().equals("end")).count();
        assertTrue(endedAtKill >= 3, "segments ended before the kill: " + endedAtKill);
        assertEquals(EndToEndTest.withoutTimes(whole), EndToEndTest.withoutTimes(crashed));
        assertEquals(Files.readString(whole.resolve("best/test-metrics.json")),
                Files.readString(crashed.resolve("best/test-metrics.json")));
        assertFalse(Files.exists(crashed.resolve(RunDirectory.CHECKPOINTS)), "checkpoints/ left behind");

        // every checkpoint cut short: each is named, a trial continued from one trains again from scratch, and
        // (training being deterministic) the leaderboard is still the uninterrupted one
        List<Path> checkpoints;
        try (Stream<Path> s = Files.list(torn.resolve(RunDirectory.CHECKPOINTS))) {
            checkpoints = s.filter(p -> p.toString().endsWith(".ckpt")).toList();
        }
        for (Path c : checkpoints) {
            byte[] whole2 = Files.readAllBytes(c);
            Files.write(c, java.util.Arrays.copyOf(whole2, whole2.length / 2));
        }
        Cli.Result t = Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", torn.toString(),
                "--resume");
        assertEquals(0, t.code(), t.out() + t.err());
        List<String> notes = t.out().lines().filter(l -> l.startsWith("note: ")).toList();
        assertTrue(notes.stream().anyMatch(l -> l.matches("note: " + java.util.regex.Pattern.quote(
                torn.resolve(RunDirectory.CHECKPOINTS).toString()) + "/c[0-9a-f]{10}\\.e\\d+\\.ckpt: cut short \\(\\d+ "
                + "of \\d+ bytes\\)")), t.out());
        assertTrue(notes.stream().anyMatch(l -> l.matches("note: trial c[0-9a-f]{10} trains again from scratch to "
                + "epoch \\d+: no readable checkpoint at epoch \\d+")), t.out());
        assertEquals(EndToEndTest.withoutTimes(whole), EndToEndTest.withoutTimes(torn));
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    static int journalled(RunDirectory run) {
        return run.has(RunDirectory.JOURNAL) ? run.trials().size() : 0;
    }

    static long promotions(RunDirectory run) throws Exception {
        Path log = run.local().orElseThrow().resolve(RunDirectory.SEGMENTS);
        if (!Files.isRegularFile(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("\"decision\":\"promoted\"")).count();
        }
    }
}
