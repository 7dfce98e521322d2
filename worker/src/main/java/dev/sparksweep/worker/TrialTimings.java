package dev.sparksweep.worker;

import java.io.Serializable;

/**
 * Where a trial's time went, in milliseconds. The worker measures build, train, eval and total (its own time
 * inside the task); the Spark side adds serialisation, and the driver adds the time the candidate queued
 * before its job started and the job's wall time as the driver saw it.
 *
 * @param queuedMillis from the driver's submit to the start of the candidate's Spark job
 * @param jobMillis the Spark job's wall time on the driver, result included
 * @param buildMillis network and array set-up on the executor
 * @param trainMillis the optimiser steps
 * @param evalMillis per-epoch train and validation metrics
 * @param serializeMillis turning the result into bytes on the executor and back on the driver
 * @param totalMillis the worker's whole time inside the task
 */
public record TrialTimings(double queuedMillis, double jobMillis, double buildMillis, double trainMillis,
                           double evalMillis, double serializeMillis, double totalMillis) implements Serializable {

    public static final TrialTimings NONE = new TrialTimings(0, 0, 0, 0, 0, 0, 0);

    public static TrialTimings worker(double buildMillis, double trainMillis, double evalMillis, double totalMillis) {
        return new TrialTimings(0, 0, buildMillis, trainMillis, evalMillis, 0, totalMillis);
    }

    public TrialTimings withTransport(double queuedMillis, double jobMillis, double serializeMillis) {
        return new TrialTimings(queuedMillis, jobMillis, buildMillis, trainMillis, evalMillis, serializeMillis,
                totalMillis);
    }

    /** The sum of two segments' timings, for a trial trained in several. */
    public TrialTimings plus(TrialTimings o) {
        return new TrialTimings(queuedMillis + o.queuedMillis, jobMillis + o.jobMillis, buildMillis + o.buildMillis,
                trainMillis + o.trainMillis, evalMillis + o.evalMillis, serializeMillis + o.serializeMillis,
                totalMillis + o.totalMillis);
    }

    /** What the job cost beyond the worker's own time and serialisation: scheduling, task launch, transfer. */
    public double sparkOverheadMillis() {
        return Math.max(0, jobMillis - totalMillis - serializeMillis);
    }
}
