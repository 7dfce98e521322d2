package dev.sparksweep.worker;

import java.io.Serializable;
import java.util.List;

/**
 * What happened when a candidate was trained.
 *
 * @param bestEpoch 1-based epoch whose parameters are kept; 0 when no epoch finished
 * @param steps optimiser steps taken (mini-batches trained)
 * @param engine the engine that trained it: dl4j or jvm
 * @param bestParams the kept parameters in DL4J's flattened layout, as little-endian floats; empty on failure
 * @param executor the Spark executor id, filled in by the driver side; the worker itself knows only the host
 * @param attempt Spark's attempt number of the task that trained it: above 0 when a lost executor made Spark
 *     run the task again
 * @param state what the trial needs to continue, when it stopped only because its segment ended; else null
 * @param rungs the epochs at which a successive-halving search judged the trial, in order; empty otherwise
 */
public record TrialResult(
        Candidate candidate,
        TrialStatus status,
        String reason,
        List<EpochMetrics> history,
        int bestEpoch,
        long steps,
        String engine,
        TrialTimings timings,
        String host,
        String executor,
        int attempt,
        byte[] bestParams,
        TrialState state,
        List<Integer> rungs) implements Serializable {

    public TrialResult {
        history = List.copyOf(history);
        reason = reason == null ? "" : reason;
        rungs = rungs == null ? List.of() : List.copyOf(rungs);
    }

    public String id() {
        return candidate.id();
    }

    public int epochsTrained() {
        return history.size();
    }

    /** The metrics of the kept epoch, or null when none finished. */
    public EpochMetrics best() {
        return bestEpoch == 0 ? null : history.get(bestEpoch - 1);
    }

    public TrialResult withExecutor(String executorId, int taskAttempt) {
        return new TrialResult(candidate, status, reason, history, bestEpoch, steps, engine, timings, host, executorId,
                taskAttempt, bestParams, state, rungs);
    }

    public TrialResult withTimings(TrialTimings t) {
        return new TrialResult(candidate, status, reason, history, bestEpoch, steps, engine, t, host, executor,
                attempt, bestParams, state, rungs);
    }

    /** The verdict of a search that judges trials at rungs: its status, reason and rung history. */
    public TrialResult judged(TrialStatus s, String why, List<Integer> rungEpochs) {
        return new TrialResult(candidate, s, why, history, bestEpoch, steps, engine, timings, host, executor,
                attempt, bestParams, null, rungEpochs);
    }

    /** True when the trial could train further: it stopped only because its segment ended. */
    public boolean canContinue() {
        return state != null;
    }

    /** A result for a candidate that never reached the worker, or whose job failed around it. */
    public static TrialResult failed(Candidate c, String reason) {
        return new TrialResult(c, TrialStatus.FAILED, reason, List.of(), 0, 0, "", TrialTimings.NONE, "", "", 0,
                new byte[0], null, List.of());
    }
}
