package dev.sparksweep.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sparksweep.search.Proposal;
import dev.sparksweep.space.Hyperparameter;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialStatus;
import dev.sparksweep.worker.TrialTimings;
import dev.sparksweep.worker.gpu.GpuDevice;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One line of the journal: a finished trial as the driver recorded it. The metrics are those of the kept
 * (best) epoch; they are NaN when no epoch finished. {@code rungs} lists the epochs at which successive halving
 * judged the trial (empty for grid and random search). {@code proposal} and {@code proposedBy} say, for tpe, the
 * trial's place in the proposals and whether it came from the random startup or from the model. {@code device} is
 * the GPU Spark gave its task (backend gpu), absent on the CPU. {@code taskStart} and {@code taskEnd} are when its
 * last task ran on the executor, by the executor's clock (absent in older runs).
 */
public record TrialRecord(
        String id,
        TrialStatus status,
        String reason,
        Map<String, Object> hyperparameters,
        long seed,
        int epochsTrained,
        int bestEpoch,
        long steps,
        String engine,
        double valAccuracy,
        double valLoss,
        double trainAccuracy,
        double trainLoss,
        double seconds,
        List<EpochMetrics> history,
        TrialTimings timings,
        String executor,
        int attempt,
        String host,
        String finishedAt,
        List<Integer> rungs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer proposal,
        @JsonInclude(JsonInclude.Include.NON_NULL) String proposedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) GpuDevice device,
        @JsonInclude(JsonInclude.Include.NON_NULL) String taskStart,
        @JsonInclude(JsonInclude.Include.NON_NULL) String taskEnd) {

    /**
     * The kept epoch's value of {@code m}: the recorded accuracy or loss, or the kept epoch's macro F1, AUC, RMSE,
     * MAE or R² from the history; NaN when there is none (no epoch finished, or a run that did not record it).
     */
    public double value(Monitor m) {
        return switch (m) {
            case VAL_ACCURACY -> valAccuracy;
            case VAL_LOSS -> valLoss;
            case VAL_MACRO_F1, VAL_AUC, VAL_RMSE, VAL_MAE, VAL_R2 -> history.stream().filter(e -> e.epoch() == bestEpoch).findFirst()
                    .map(m::of).orElse(Double.NaN);
        };
    }

    /** Whether the trial is a regression's: its kept epoch has an RMSE. */
    public boolean regression() {
        return !Double.isNaN(value(Monitor.VAL_RMSE));
    }

    public static TrialRecord of(TrialResult r, Instant finishedAt) {
        return of(r, finishedAt, null);
    }

    /** @param how how the strategy came to the trial (tpe: its order and "startup" or "model"); null for none */
    public static TrialRecord of(TrialResult r, Instant finishedAt, Proposal how) {
        EpochMetrics best = r.best();
        return new TrialRecord(r.id(), r.status(), r.reason(), Hyperparameter.shown(r.candidate()), r.candidate().seed(),
                r.epochsTrained(), r.bestEpoch(), r.steps(), r.engine(),
                best == null ? Double.NaN : best.valAccuracy(),
                best == null ? Double.NaN : best.valLoss(),
                best == null ? Double.NaN : best.trainAccuracy(),
                best == null ? Double.NaN : best.trainLoss(),
                r.timings().totalMillis() / 1000.0, r.history(), r.timings(), r.executor(), r.attempt(), r.host(),
                finishedAt.toString(), r.rungs(), how == null ? null : how.order(), how == null ? null : how.by(),
                r.device(), instant(r.placement().taskStart()), instant(r.placement().taskEnd()));
    }

    private static String instant(long epochMillis) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
