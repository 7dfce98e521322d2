package dev.sparksweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes every report of a run directory from its files alone (the journal, the resolved config, and run.json
 * and the test metrics when the run finished): leaderboard.csv, leaderboard.md and report.html. {@code sweep run}
 * calls it at the end, {@code sweep report} at any time, also for a run that was stopped.
 */
public final class Reports {
    public static final List<String> FILES = List.of("leaderboard.csv", "leaderboard.md", "report.html");

    private Reports() {
    }

    public static List<Path> write(Path runDir) {
        RunSummary run = RunSummary.load(runDir);
        Facts facts = Facts.of(run);
        run.leaderboard().writeCsv(runDir.resolve("leaderboard.csv"));
        replace(runDir.resolve("leaderboard.md"), MarkdownReport.render(facts));
        replace(runDir.resolve("report.html"), HtmlReport.render(facts));
        return FILES.stream().map(runDir::resolve).toList();
    }

    /** Written beside and renamed into place, so a reader never sees half a report. */
    private static void replace(Path file, String text) {
        try {
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
