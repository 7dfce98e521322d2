package dev.sparksweep.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sparksweep.search.Replay;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialState;
import dev.sparksweep.worker.TrialStatus;
import dev.sparksweep.worker.TrialTimings;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of the segment log, {@code segments.jsonl}: what the driver did with one segment of training, in the
 * order it did it. {@code start} (decision {@code new} or {@code promoted}, epochs {@code from} → {@code to}),
 * {@code end} (the segment's result; {@code paused} holds the early-stopping state of a trial that can continue,
 * whose arrays are in {@code checkpoints/}), {@code told} (the strategy's decision: {@code paused},
 * {@code complete} or {@code failed}) and {@code close} (a paused trial {@code pruned} when the search ended).
 * --resume replays it to rebuild an adaptive strategy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentLine(long seq, String event, String trial, Integer from, Integer to, String decision,
                          TrialStatus status, String reason, String engine, Integer bestEpoch, Long steps,
                          List<EpochMetrics> history, String host, String executor, Integer attempt,
                          TrialTimings timings, Paused paused, String at) {

    /** The early-stopping state of a paused trial (its arrays are in its checkpoint file). */
    public record Paused(double best, int bestEpoch, int epochsWithoutImprovement, long steps) {
    }

    public static SegmentLine start(long seq, TrialRequest r) {
        int from = r.from() == null ? 0 : r.from().epochs();
        return new SegmentLine(seq, "start", r.id(), from, r.untilEpoch(), r.from() == null ? "new" : "promoted",
                null, null, null, null, null, null, null, null, null, null, null, Instant.now().toString());
    }

    public static SegmentLine end(long seq, TrialResult r) {
        TrialState s = r.state();
        return new SegmentLine(seq, "end", r.id(), null, r.epochsTrained(), null, r.status(), r.reason(),
                r.engine(), r.bestEpoch(), r.steps(), r.history(), r.host(), r.executor(), r.attempt(), r.timings(),
                s == null ? null : new Paused(s.best(), s.bestEpoch(), s.epochsWithoutImprovement(), s.steps()),
                Instant.now().toString());
    }

    public static SegmentLine told(long seq, TrialResult r, Optional<TrialResult> over) {
        return new SegmentLine(seq, "told", r.id(), null, r.epochsTrained(),
                over.map(o -> o.status().name().toLowerCase(Locale.ROOT)).orElse("paused"), null, null, null, null,
                null, null, null, null, null, null, null, Instant.now().toString());
    }

    public static SegmentLine closed(TrialResult r) {
        return new SegmentLine(-1, "close", r.id(), null, r.epochsTrained(),
                r.status().name().toLowerCase(Locale.ROOT), null, r.reason(), null, null, null, null, null, null,
                null, null, null, Instant.now().toString());
    }

    /** The step a replay takes for this line; empty for an event it does not know. */
    public Optional<Replay.Step> step() {
        return switch (event) {
            case "start" -> Optional.of(new Replay.Start(seq, trial, to, "promoted".equals(decision)));
            case "end" -> Optional.of(new Replay.End(seq, trial,
                    new TrialResult.Verdict(status, reason, List.of()),
                    new TrialResult.Training(engine, history, bestEpoch, steps, new byte[0]),
                    new TrialResult.Placement(host, executor, attempt), timings,
                    paused == null ? null : new TrialState(null, history, paused.best(), paused.bestEpoch(), null,
                            paused.epochsWithoutImprovement(), paused.steps())));
            case "told" -> Optional.of(new Replay.Told(seq));
            case "close" -> Optional.of(new Replay.Closed(seq, reason != null && reason.startsWith("stopped by max_time")));
            default -> Optional.empty();
        };
    }
}
