package dev.sparksweep.report;

import dev.sparksweep.results.RunDirectory;
import java.util.List;

/**
 * Writes every report of a run directory from its files alone (the journal, the resolved config, and run.json
 * and the test metrics when the run finished): leaderboard.csv, leaderboard.md and report.html. {@code sweep run}
 * calls it at the end, {@code sweep report} at any time, also for a run that was stopped.
 */
public final class Reports {
    public static final List<String> FILES = List.of(RunDirectory.LEADERBOARD_CSV, RunDirectory.LEADERBOARD_MD,
            RunDirectory.REPORT_HTML);

    private Reports() {
    }

    /** Writes the reports; returns where each one is. */
    public static List<String> write(RunDirectory dir) {
        RunSummary run = RunSummary.load(dir);
        Facts facts = Facts.of(run);
        dir.replace(RunDirectory.LEADERBOARD_CSV, run.leaderboard().csv());
        dir.replace(RunDirectory.LEADERBOARD_MD, MarkdownReport.render(facts));
        dir.replace(RunDirectory.REPORT_HTML, HtmlReport.render(facts));
        return FILES.stream().map(dir::where).toList();
    }

    /** Rewrites report.html alone, as a stopped run's (the state the journal shows, no reloading). */
    public static void writeHtml(RunDirectory dir) {
        dir.replace(RunDirectory.REPORT_HTML, HtmlReport.render(Facts.of(RunSummary.load(dir))));
    }

    /**
     * Rewrites report.html of a run that is still going, as one whole file: it says "running, N of M trials" and
     * reloads itself. The leaderboards and the final report are written at the end by {@link #write}.
     */
    public static void writeLive(RunDirectory dir, int done, int planned) {
        dir.replace(RunDirectory.REPORT_HTML, HtmlReport.render(Facts.of(RunSummary.load(dir),
                new Facts.Live(done, planned))));
    }
}
