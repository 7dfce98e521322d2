package dev.sparksweep.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.results.Json;
import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.results.ResultStore;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the reports show, read from a run directory alone: the journal, the resolved config, and, when the run
 * finished, run.json and the winner's test metrics (null otherwise).
 */
public record RunSummary(Path runDir, String name, Monitor objective, List<TrialRecord> records,
                         Leaderboard leaderboard, JsonNode config, JsonNode run, JsonNode test) {

    public static RunSummary load(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve(ResultStore.FILE))) {
            throw new BadInputException(runDir + ": is not a run directory (it has no " + ResultStore.FILE + ")");
        }
        JsonNode config = json(runDir.resolve("config-resolved.json"));
        if (config == null) {
            throw new BadInputException(runDir + ": is not a run directory (it has no config-resolved.json)");
        }
        Monitor objective = Monitor.valueOf(config.path("search").path("objective").asText("val_accuracy")
                .toUpperCase(java.util.Locale.ROOT));
        List<TrialRecord> records = ResultStore.read(runDir);
        return new RunSummary(runDir, config.path("name").asText(runDir.getFileName().toString()), objective,
                records, Leaderboard.of(records, objective), config, json(runDir.resolve("run.json")),
                json(runDir.resolve("best").resolve("test-metrics.json")));
    }

    private static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage());
        }
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
        if (run != null && run.has("wall_seconds")) {
            return run.get("wall_seconds").asDouble();
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
        return objective == Monitor.VAL_LOSS ? r.valLoss() : r.valAccuracy();
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
