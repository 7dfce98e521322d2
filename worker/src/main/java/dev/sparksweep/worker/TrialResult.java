package dev.sparksweep.worker;

import dev.sparksweep.worker.gpu.GpuDevice;
import java.io.Serializable;
import java.util.List;

/**
 * What happened when a candidate was trained: how it ended, what training produced, where it ran, where its
 * time went, and what it needs to continue.
 *
 * @param state what the trial needs to continue, when it stopped only because its segment ended; else null
 */
public record TrialResult(Candidate candidate, Verdict verdict, Training training, Placement placement,
                          TrialTimings timings, TrialState state) implements Serializable {

    /**
     * How the trial ended.
     *
     * @param rungs the epochs at which a successive-halving search judged the trial, in order; empty otherwise
     */
    public record Verdict(TrialStatus status, String reason, List<Integer> rungs) implements Serializable {
        public Verdict {
            reason = reason == null ? "" : reason;
            rungs = rungs == null ? List.of() : List.copyOf(rungs);
        }

        public static Verdict complete() {
            return new Verdict(TrialStatus.COMPLETE, "", List.of());
        }

        public static Verdict failed(String reason) {
            return new Verdict(TrialStatus.FAILED, reason, List.of());
        }
    }

    /**
     * What training produced.
     *
     * @param engine the engine that trained it: jvm, dl4j or dl4j-spark; empty when none did
     * @param bestEpoch 1-based epoch whose parameters are kept; 0 when no epoch finished
     * @param steps optimiser steps taken (mini-batches trained)
     * @param bestParams the kept parameters in DL4J's flattened layout, as little-endian floats; empty on failure
     */
    public record Training(String engine, List<EpochMetrics> history, int bestEpoch, long steps, byte[] bestParams)
            implements Serializable {
        public static final Training NONE = new Training("", List.of(), 0, 0, new byte[0]);

        public Training {
            history = List.copyOf(history);
        }

        /** Epochs that finished, but nothing kept. */
        public static Training unkept(String engine, List<EpochMetrics> history, long steps) {
            return new Training(engine, history, 0, steps, new byte[0]);
        }
    }

    /**
     * Where it ran.
     *
     * @param executor the Spark executor id, filled in by the driver side; the worker itself knows only the host
     * @param attempt Spark's attempt number of the task that trained it: above 0 when a lost executor made Spark
     *     run the task again
     * @param device the GPU Spark gave the task (backend gpu), bound or not; null on the CPU
     * @param taskStart when the task body began on the executor (epoch milliseconds, the executor's clock); 0 when
     *     not known
     * @param taskEnd when it ended, before its result was serialised; 0 when not known
     */
    public record Placement(String host, String executor, int attempt, GpuDevice device, long taskStart,
                            long taskEnd) implements Serializable {
        public static final Placement NOWHERE = new Placement("", "", 0);

        public Placement(String host, String executor, int attempt) {
            this(host, executor, attempt, null, 0, 0);
        }

        public static Placement host(String host) {
            return new Placement(host, "", 0);
        }
    }

    public String id() {
        return candidate.id();
    }

    public TrialStatus status() {
        return verdict.status();
    }

    public String reason() {
        return verdict.reason();
    }

    public List<Integer> rungs() {
        return verdict.rungs();
    }

    public String engine() {
        return training.engine();
    }

    public List<EpochMetrics> history() {
        return training.history();
    }

    public int bestEpoch() {
        return training.bestEpoch();
    }

    public long steps() {
        return training.steps();
    }

    public byte[] bestParams() {
        return training.bestParams();
    }

    public String host() {
        return placement.host();
    }

    public String executor() {
        return placement.executor();
    }

    public int attempt() {
        return placement.attempt();
    }

    public int epochsTrained() {
        return history().size();
    }

    /** The metrics of the kept epoch, or null when none finished. */
    public EpochMetrics best() {
        return bestEpoch() == 0 ? null : history().get(bestEpoch() - 1);
    }

    public TrialResult withExecutor(String executorId, int taskAttempt) {
        return new TrialResult(candidate, verdict, training, new Placement(placement.host(), executorId, taskAttempt,
                placement.device(), placement.taskStart(), placement.taskEnd()), timings, state);
    }

    /**
     * This result as the task that produced it saw itself: its host (when the worker did not fill it in), executor,
     * attempt, GPU (null for the CPU) and the task body's start and end on the executor's clock.
     */
    public TrialResult ranIn(String host, String executorId, int taskAttempt, GpuDevice gpu, long start, long end) {
        String h = placement.host().isEmpty() ? host : placement.host();
        return new TrialResult(candidate, verdict, training, new Placement(h, executorId, taskAttempt, gpu, start,
                end), timings, state);
    }

    /** The GPU it trained on, or null. */
    public GpuDevice device() {
        return placement.device();
    }

    public TrialResult withTimings(TrialTimings t) {
        return new TrialResult(candidate, verdict, training, placement, t, state);
    }

    /** The verdict of a search that judges trials at rungs: its status, reason and rung history. */
    public TrialResult judged(TrialStatus s, String why, List<Integer> rungEpochs) {
        return new TrialResult(candidate, new Verdict(s, why, rungEpochs), training, placement, timings, null);
    }

    /** This result with its state parked and its kept parameters let go (they are in the stored state). */
    public TrialResult parked() {
        return new TrialResult(candidate, verdict, new Training(training.engine(), training.history(),
                training.bestEpoch(), training.steps(), new byte[0]), placement, timings,
                state == null ? null : state.parked());
    }

    /** This result with the kept parameters of {@code stored}, the state a paused segment ended with. */
    public TrialResult unparked(TrialState stored) {
        return new TrialResult(candidate, verdict, new Training(training.engine(), training.history(),
                training.bestEpoch(), training.steps(), ParameterBytes.toBytes(stored.bestParams())), placement,
                timings, state == null ? null : stored);
    }

    /** True when the trial could train further: it stopped only because its segment ended. */
    public boolean canContinue() {
        return state != null;
    }

    /** A result for a candidate that never reached the worker, or whose job failed around it. */
    public static TrialResult failed(Candidate c, String reason) {
        return new TrialResult(c, Verdict.failed(reason), Training.NONE, Placement.NOWHERE, TrialTimings.NONE, null);
    }
}
