package dev.sparksweep.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.cli.Cli;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory written by SparkSweep 0.1.0 ({@link OldRun}) stays readable: report, predict and --resume
 * work on it, and its journal's ids are the ids made today.
 */
@Tag("spark")
class CompatibilityTest {
    static final String WINNER = OldRun.WINNER;
    static final String SECOND = OldRun.SECOND;

    @TempDir
    Path tmp;

    Path copy(String name) {
        return OldRun.copy(tmp.resolve(name));
    }

    @Test
    void reportReadsTheOldRunIncludingJournalFieldsItDoesNotKnow() throws Exception {
        Path run = copy("report");
        Path journal = run.resolve(RunDirectory.JOURNAL);
        List<String> lines = Files.readAllLines(journal);
        // a later release may add fields; this one must skip them
        Files.write(journal, List.of(lines.get(0).replaceFirst("^\\{", "{\"added_later\":{\"x\":1},"), lines.get(1)));
        Cli.Result r = Cli.sweep("report", run.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(run.resolve(RunDirectory.LEADERBOARD_MD));
        assertTrue(md.contains(WINNER), md);
        String html = Files.readString(run.resolve(RunDirectory.REPORT_HTML));
        assertTrue(html.contains("id=\"test-accuracy\">0.3694<"), "test accuracy from best/test-metrics.json");
        assertTrue(html.contains("1.0.0-M2.1"), "provenance from run.json");
        List<TrialRecord> trials = new RunDirectory(run).trials();
        assertEquals(List.of(WINNER, SECOND), trials.stream().map(TrialRecord::id).toList());
    }

    @Test
    void predictAppliesTheOldWinnerToNewRows() throws Exception {
        Path run = copy("predict");
        Path input = tmp.resolve("rows.csv");
        Files.write(input, OldRun.digitsRows(25));
        Path output = tmp.resolve("predictions.csv");
        Cli.Result r = Cli.sweep("predict", "--run", run.toString(), "--input", input.toString(), "--output",
                output.toString(), "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        List<String> predicted = Files.readAllLines(output);
        assertEquals(26, predicted.size(), "a header and one line per row");
        assertEquals("row,prediction,label", predicted.get(0));
    }

    @Test
    void resumeContinuesAStoppedOldRunAndTrainsOnlyWhatIsMissing() throws Exception {
        Path run = copy("resume");
        Path journal = run.resolve(RunDirectory.JOURNAL);
        List<String> lines = Files.readAllLines(journal);
        // as the run was before its driver stopped: one trial journalled, nothing of the end written
        Files.write(journal, List.of(lines.get(0)));
        Files.delete(run.resolve(RunDirectory.PROVENANCE));
        Files.delete(run.resolve(RunDirectory.TEST_METRICS));
        Files.delete(run.resolve(RunDirectory.PREPROCESSING));
        Files.delete(run.resolve(RunDirectory.BEST_MODEL));
        Cli.Result r = Cli.sweep("run", run.resolve(RunDirectory.CONFIG).toString(), "--output", run.toString(),
                "--resume", "--master", "local[2]", "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> after = Files.readAllLines(journal);
        assertEquals(2, after.size());
        assertEquals(lines.get(0), after.get(0), "the journalled trial is not trained again");
        List<TrialRecord> trials = new RunDirectory(run).trials();
        // the id this release gives the missing candidate is the one 0.1.0 gave it
        assertEquals(SECOND, trials.get(1).id());
        TrialRecord old = new RunDirectory(copy("old")).trials().get(1);
        assertEquals(old.valAccuracy(), trials.get(1).valAccuracy(), 1e-12);
        assertTrue(Files.isRegularFile(run.resolve(RunDirectory.BEST_MODEL)));
    }
}
