package dev.sparksweep.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.RunProvenance;
import dev.sparksweep.results.SegmentLine;
import dev.sparksweep.results.TestEvaluation;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the reports show, read from a run directory alone: the journal, the resolved config, and, when the run
 * finished, run.json and the winner's test metrics (null otherwise); the segment log, empty for a run that
 * has none (older versions wrote none).
 */
public record RunSummary(RunDirectory dir, String name, Monitor objective, List<TrialRecord> records,
                         Leaderboard leaderboard, JsonNode config, RunProvenance run, TestEvaluation test,
                         List<SegmentLine> segments) {

    public static RunSummary load(RunDirectory dir) {
        if (!dir.has(RunDirectory.JOURNAL)) {
            throw new BadInputException(dir + ": is not a run directory (it has no " + RunDirectory.JOURNAL + ")");
        }
        JsonNode config = dir.resolvedConfig();
        if (config == null) {
            throw new BadInputException(dir + ": is not a run directory (it has no " + RunDirectory.RESOLVED_CONFIG
                    + ")");
        }
        Monitor objective = Monitor.valueOf(config.path("search").path("objective").asText("val_accuracy")
                .toUpperCase(java.util.Locale.ROOT));
        List<TrialRecord> records = dir.trials();
        return new RunSummary(dir, config.path("name").asText(dir.storage().name()), objective,
                records, Leaderboard.of(records, objective), config, dir.provenance(), dir.testMetrics(),
                dir.has(RunDirectory.SEGMENTS) ? dir.segments() : List.of());
    }

    /** Whether run.json exists, i.e. the driver got to the end. */
    public boolean finished() {
        return run != null;
    }

    public long count(TrialStatus s) {
        return leaderboard.count(s);
    }

    public long epochs() {
        return records.stream().mapToLong(TrialRecord::epochsTrained).sum();
    }

    /** run.json's wall seconds, or for a stopped run the span of the journal's finish times. */
    public double wallSeconds() {
        if (run != null) {
            return run.wallSeconds();
        }
        if (records.size() < 2) {
            return records.isEmpty() ? 0 : records.get(0).seconds();
        }
        List<Instant> times = records.stream().map(r -> Instant.parse(r.finishedAt())).sorted().toList();
        return Duration.between(times.get(0), times.get(times.size() - 1)).toMillis() / 1000.0
                + records.get(0).seconds();
    }

    /** The objective's value of a trial. */
    public double objectiveOf(TrialRecord r) {
        return r.value(objective);
    }

    /** "48 of 72 trials (max_trials), 2948 epochs, 19.6 s of 30m (max_time)". */
    public String budget() {
        JsonNode search = config.path("search");
        StringBuilder b = new StringBuilder().append(records.size());
        if (search.hasNonNull("max_trials")) {
            b.append(" of ").append(search.get("max_trials").asInt()).append(" trials (max_trials)");
        } else {
            b.append(" trials");
        }
        b.append(", ").append(epochs()).append(" epochs, ").append(String.format(java.util.Locale.ROOT, "%.1f s",
                wallSeconds())).append(" wall");
        if (search.hasNonNull("max_time")) {
            b.append(" of ").append(search.get("max_time").asText()).append(" (max_time)");
        }
        return b.toString();
    }
}
