package dev.sparksweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.app.OldRun;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.TrialRecord;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run may do to its directory: --force replaces only a run, one writer at a time, and a fault (a path
 * through a file, a full disk) is one line with its own exit code and a journal of whole lines.
 */
@Tag("spark")
class RunDirectorySafetyTest {
    @TempDir
    Path tmp;

    Path config(String name, String space) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, String.join("\n",
                "name: " + name,
                "data:",
                "  source: builtin:digits",
                "  split: {train: 0.6, validation: 0.2, test: 0.2, stratify: true, seed: 42}",
                "  scale: max",
                "search: {strategy: grid, objective: val_accuracy, seed: 42}",
                "space:",
                space,
                "execution: {master: \"local[2]\"}",
                ""));
        return f;
    }

    Path small() throws Exception {
        return config("small", "  hidden_layers: 1\n  width: [8, 16]\n  batch_size: 64\n  epochs: 2");
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }

    static void oneLine(Cli.Result r, int code, String expected) {
        assertEquals(code, r.code(), r.err());
        assertEquals(expected + "\n", r.err());
    }

    @Test
    void forceRefusesAFolderOfTheUsersAndTouchesNothing() throws Exception {
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine.resolve("sub"));
        Files.writeString(mine.resolve("notes.txt"), "my notes\n");
        Files.writeString(mine.resolve("sub").resolve("data.csv"), "a,b\n1,2\n");
        Map<String, String> before = BadDataTest.snapshot(mine);
        Cli.Result r = Cli.sweep("run", small().toString(), "--output", mine.toString(), "--force");
        oneLine(r, 2, "sweep: " + mine + ": --force replaces only a SparkSweep run directory or an empty one, but "
                + "got a directory that holds other files (nothing was touched; give another --output)");
        Cli.Result plain = Cli.sweep("run", small().toString(), "--output", mine.toString());
        oneLine(plain, 2, "sweep: " + mine + ": the run directory must be new or empty (pass --resume to continue it, "
                + "--force to replace it, or --output DIR), but got one that holds other files");
        assertEquals(before, BadDataTest.snapshot(mine));
        try (Stream<Path> s = Files.list(mine)) {
            assertEquals(2, s.count(), "nothing was added");
        }
    }

    @Test
    void forceOnARunDeletesOnlyWhatSparkSweepWrote() throws Exception {
        Path run = copyOfTheOldRun("old");
        Files.writeString(run.resolve("notes.txt"), "kept\n");
        Files.writeString(run.resolve("models").resolve("README"), "kept too\n");
        String oldJournal = Files.readString(run.resolve(RunDirectory.JOURNAL));
        Cli.Result r = Cli.sweep("run", config("again", "  hidden_layers: 1\n  width: 12\n  epochs: 1").toString(),
                "--output", run.toString(), "--force", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals("kept\n", Files.readString(run.resolve("notes.txt")));
        assertEquals("kept too\n", Files.readString(run.resolve("models").resolve("README")));
        List<TrialRecord> trials = new RunDirectory(run).trials();
        assertEquals(1, trials.size());
        assertFalse(oldJournal.contains(trials.get(0).id()));
        assertTrue(Files.isRegularFile(run.resolve(RunDirectory.MARKER)));
        try (Stream<Path> s = Files.list(run.resolve("models"))) {
            assertEquals(List.of("README", trials.get(0).id() + ".zip"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "the old models are gone");
        }
    }

    @Test
    void predictForceReplacesOnlyPredictions() throws Exception {
        Path run = copyOfTheOldRun("for-predict");
        Path rows = tmp.resolve("rows.csv");
        Files.write(rows, OldRun.digitsRows(5));
        Path mine = tmp.resolve("mine.csv");
        Files.writeString(mine, "my,own\n1,2\n");
        String sha = dev.sparksweep.common.Sha256.hex(mine);
        oneLine(Cli.sweep("predict", "--run", run.toString(), "--input", rows.toString(), "--output", mine.toString(),
                "--force", "--master", "local[1]"), 2, "sweep: --output: " + mine + ": --force replaces only an empty "
                + "file or one that sweep predict wrote (its first line starts with \"row,prediction\"), but got another "
                + "file (nothing was touched)");
        assertEquals(sha, dev.sparksweep.common.Sha256.hex(mine));
        Path out = tmp.resolve("predictions.csv");
        String[] args = {"predict", "--run", run.toString(), "--input", rows.toString(), "--output", out.toString(),
            "--force", "--master", "local[1]"};
        assertEquals(0, Cli.sweep(args).code());
        assertEquals(0, Cli.sweep(args).code(), "its own predictions are replaced");
        assertEquals(6, Files.readAllLines(out).size());
    }

    Path copyOfTheOldRun(String name) {
        return OldRun.copy(tmp.resolve(name));
    }

    @Test
    void anOutputUnderAFileIsRefused() throws Exception {
        Path file = tmp.resolve("somefile");
        Files.writeString(file, "x");
        Path out = file.resolve("run");
        oneLine(Cli.sweep("run", small().toString(), "--output", out.toString()), 2,
                "sweep: " + out + ": the run directory must be a directory or be creatable, but " + file + " is a file");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aNameOfDotDotIsRefused() throws Exception {
        Path cfg = config("x", "  width: 8");
        Files.writeString(cfg, Files.readString(cfg).replace("name: x", "name: \"..\""));
        oneLine(Cli.sweep("run", cfg.toString()), 2, "sweep: " + cfg + ": name: must not be . or .. (the run "
                + "directory is runs/NAME), but got \"..\"");
        oneLine(Cli.sweep("validate", cfg.toString()), 2, "sweep: " + cfg + ": name: must not be . or .. (the run "
                + "directory is runs/NAME), but got \"..\"");
    }

    @Test
    void anOutputDirThatIsTheWorkingDirectoryNeedsAnExplicitOutput() throws Exception {
        Path cfg = small();
        Files.writeString(cfg, Files.readString(cfg) + "output: {dir: .}\n");
        oneLine(Cli.sweep("run", cfg.toString()), 2, "sweep: " + cfg + ": output.dir: must not resolve to the working "
                + "directory (give it with --output if you mean it), but got . (" + Path.of("").toAbsolutePath() + ")");
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstFinishesWithAWholeJournal() throws Exception {
        Path run = tmp.resolve("shared");
        Path cfg = config("busy", "  hidden_layers: 2\n  width: [32, 48, 64]\n  batch_size: 8\n  epochs: 12");
        Process first = Cli.inAnotherJvm(tmp.resolve("first.log"), "run", cfg.toString(), "--output",
                run.toString(), "--quiet", "--parallelism", "1");
        try {
            Path lock = run.resolve(RunDirectory.LOCK);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(Files.isRegularFile(lock) && Files.size(lock) > 0 && Files.isRegularFile(run.resolve(
                    RunDirectory.JOURNAL))) && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(first.isAlive(), "the first run is still training: " + Files.readString(tmp.resolve("first.log")));
            String holder = "pid " + first.pid() + " on " + InetAddress.getLocalHost().getHostName() + ", application ";
            for (Cli.Result second : List.of(
                    Cli.sweep("run", cfg.toString(), "--output", run.toString(), "--force"),
                    Cli.sweep("run", cfg.toString(), "--output", run.toString(), "--resume"),
                    Cli.sweep("report", run.toString()))) {
                assertEquals(2, second.code(), second.err());
                assertEquals(1, lines(second.err()).size(), second.err());
                assertTrue(second.err().startsWith("sweep: " + run + ": is in use by another SparkSweep run ("
                        + holder), second.err());
                assertTrue(second.err().endsWith("); wait for it to end, or give another --output\n"), second.err());
            }
            assertTrue(first.waitFor(300, TimeUnit.SECONDS));
            assertEquals(0, first.exitValue(), Files.readString(tmp.resolve("first.log")));
            List<String> journal = Files.readAllLines(run.resolve(RunDirectory.JOURNAL));
            assertEquals(3, journal.size());
            assertEquals(3, new RunDirectory(run).trials().size(), "every line a whole trial record");
            assertEquals(0, Files.size(lock), "released: the lock file names no holder");
        } finally {
            first.destroyForcibly();
        }
        // a finished run needs no lock to be reported
        assertEquals(0, Cli.sweep("report", run.toString()).code());
    }

    @Test
    void aStaleLockIsReclaimedAndSaysSo() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path run = tmp.resolve("stale");
        Files.createDirectories(run);
        String host = InetAddress.getLocalHost().getHostName();
        Files.writeString(run.resolve(RunDirectory.LOCK), "{\"pid\":" + gone.pid() + ",\"host\":\"" + host
                + "\",\"app_id\":\"local-1\",\"started_at\":\"2026-01-01T00:00:00Z\"}");
        Cli.Result r = Cli.sweep("run", small().toString(), "--output", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: " + run.resolve(RunDirectory.LOCK) + ": reclaimed a stale lock (pid "
                + gone.pid() + " on " + host + ", application local-1, since 2026-01-01T00:00:00Z, which is no longer "
                + "running)"), r.out());
        assertEquals(2, new RunDirectory(run).trials().size());
    }

    @Test
    void aLockNamingAnotherHostIsKept() throws Exception {
        Path run = tmp.resolve("elsewhere");
        Files.createDirectories(run);
        Path lock = run.resolve(RunDirectory.LOCK);
        String held = "{\"pid\":1,\"host\":\"other-host\",\"app_id\":\"app-7\",\"started_at\":\"2026-01-01T00:00:00Z\"}";
        Files.writeString(lock, held);
        oneLine(Cli.sweep("run", small().toString(), "--output", run.toString()), 2, "sweep: " + run + ": is in use "
                + "by another SparkSweep run (pid 1 on other-host, application app-7, since 2026-01-01T00:00:00Z); wait "
                + "for it to end, or give another --output (if it has ended, delete " + lock + ")");
        assertEquals(held, Files.readString(lock));
    }

    @Test
    void aSearchInWhichNoTrialCompletedExitsWithFour() throws Exception {
        // ~10 s of training at the JVM engine's speed of 2026-12 (a 64-64-10 net for 100 epochs now takes under 1 s)
        Path cfg = config("slow", "  hidden_layers: 2\n  width: 256\n  batch_size: 1\n  epochs: 200");
        Files.writeString(cfg, Files.readString(cfg).replace("objective: val_accuracy, seed: 42}",
                "objective: val_accuracy, seed: 42, trial_timeout: 1s}"));
        Path run = tmp.resolve("none");
        Cli.Result r = Cli.sweep("run", cfg.toString(), "--output", run.toString());
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("no trial completed, so there is no winner to test (exit code 4)"), r.out());
        List<TrialRecord> trials = new RunDirectory(run).trials();
        assertEquals(1, trials.size());
        assertEquals("timeout", trials.get(0).reason());
    }

    /** A full disk mid-run: exit 3, one line naming the file, and a journal of whole lines that report reads. */
    @Test
    void aFullDiskIsOneLineAndLeavesAWholeJournal() throws Exception {
        Path mnt = tmp.resolve("small-disk");
        Files.createDirectories(mnt);
        int mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start().waitFor();
        if (mounted != 0) {
            System.err.println("RunDirectorySafetyTest: skipped the full-disk case: cannot mount a tmpfs here");
        }
        Assumptions.assumeTrue(mounted == 0, "mounting a tmpfs needs root");
        try {
            // leave room for the run's first files and a few trials, not for all twelve
            long free = Files.getFileStore(mnt).getUsableSpace();
            Files.write(mnt.resolve("filler"), new byte[(int) (free - 96 * 1024)]);
            Path cfg = config("full", "  hidden_layers: 1\n  width: [16, 32, 48, 64, 80, 96, 112, 128, 144, 160, "
                    + "176, 192]\n  batch_size: 64\n  epochs: 1");
            Files.writeString(cfg, Files.readString(cfg) + "output: {keep_models: 12}\n");
            Path run = mnt.resolve("run");
            Cli.Result r = Cli.sweep("run", cfg.toString(), "--output", run.toString(), "--quiet");
            assertEquals(3, r.code(), r.err());
            assertEquals(1, lines(r.err()).size(), r.err());
            assertTrue(r.err().matches("sweep: " + java.util.regex.Pattern.quote(run.toString())
                    + "/\\S+: No space left on device\n"), r.err());
            assertFalse(r.err().contains("Exception"));
            String journal = Files.readString(run.resolve(RunDirectory.JOURNAL));
            assertTrue(journal.isEmpty() || journal.endsWith("\n"), "whole lines only");
            int trials = new RunDirectory(run).trials().size();
            assertTrue(trials < 12, "the disk filled before the end: " + trials);
            Files.delete(mnt.resolve("filler"));
            assertEquals(0, Cli.sweep("report", run.toString()).code(), "the earlier trials stay readable");
        } finally {
            new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
        }
    }
}
