package dev.sparksweep.worker;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one candidate on one thread, with any engine: an epoch of shuffled mini-batches, then the epoch's
 * training metrics (see {@link TrainMetrics}) and validation metrics on the whole split, then early stopping,
 * which keeps the best epoch's parameters. Never throws: whatever goes wrong becomes a FAILED result with a one-line reason.
 */
public final class CandidateTrainer {
    private static final String HOST = hostName();

    private CandidateTrainer() {
    }

    /** This machine's name, as results name it. */
    public static String host() {
        return HOST;
    }

    /**
     * Trains one segment: from the request's state (or from scratch) until its epoch, or until early stopping.
     *
     * @param engine the engine, or the rule that picks one for the request's candidate
     * @param trainMetrics how the training loss and accuracy of each epoch are measured
     * @param timeoutMillis the segment's wall-clock budget, checked after every epoch; 0 for none. A trial past
     *     it is FAILED with reason "timeout".
     */
    public static TrialResult train(TrialRequest request, TrainingData data, EngineChoice engine,
                                    TrainMetrics trainMetrics, long timeoutMillis) {
        long start = System.nanoTime();
        Candidate c = request.candidate();
        TrialState from = request.from();
        List<EpochMetrics> history = new ArrayList<>(from == null ? List.of() : from.history());
        long steps0 = from == null ? 0 : from.steps();
        double buildMs = 0;
        double trainMs = 0;
        double evalMs = 0;
        String key = "";
        TrainingEngine.Session session = null;
        try {
            TrainingEngine trainer = engine.engineFor(c, data);
            key = trainer.key();
            session = trainer.open(c, data, from == null ? null : from.checkpoint());
            buildMs = millisSince(start);

            EarlyStopping es = c.earlyStopping();
            double best = from == null ? Double.NaN : from.best();
            int bestEpoch = from == null ? 0 : from.bestEpoch();
            float[] bestParams = from == null ? null : from.bestParams();
            int wait = from == null ? 0 : from.epochsWithoutImprovement();
            boolean stopped = false;
            int last = Math.min(request.untilEpoch(), c.epochs());
            for (int epoch = history.size() + 1; epoch <= last; epoch++) {
                long t0 = System.nanoTime();
                session.trainEpoch(epoch);
                long t1 = System.nanoTime();
                trainMs += (t1 - t0) / 1e6;
                double[] tr = trainMetrics == TrainMetrics.RUNNING ? session.runningMetrics() : null;
                EpochMetrics m;
                if (data.regression()) {
                    if (tr == null) {
                        tr = Scores.regressionLoss(session.predict(data.trainX(), data.trainRows()),
                                data.target().train());
                    }
                    double[] va = Scores.regression(session.predict(data.valX(), data.valRows()),
                            data.target().val(), data.target().scale());
                    m = EpochMetrics.regression(epoch, tr[0], va[0], va[1], va[2], va[3]);
                } else {
                    if (tr == null) {
                        tr = Scores.lossAndAccuracy(session.predict(data.trainX(), data.trainRows()), data.trainY(),
                                data.numClasses());
                    }
                    double[] va = Scores.validation(session.predict(data.valX(), data.valRows()), data.valY(),
                            data.numClasses());
                    m = new EpochMetrics(epoch, tr[0], tr[1], va[0], va[1], va[2], va[3]);
                }
                evalMs += millisSince(t1);
                history.add(m);
                if (!Double.isFinite(m.trainLoss()) || !Double.isFinite(m.valLoss())) {
                    return failed(c, key, "loss is NaN or infinite after epoch " + epoch + " (diverged)",
                            history, steps0 + session.steps(), TrialTimings.worker(buildMs, trainMs, evalMs,
                                    millisSince(start)));
                }
                if (timeoutMillis > 0 && millisSince(start) > timeoutMillis) {
                    return failed(c, key, "timeout", history, steps0 + session.steps(),
                            TrialTimings.worker(buildMs, trainMs, evalMs, millisSince(start)));
                }
                if (es == null) {
                    continue;
                }
                double value = es.monitor().of(m);
                if (bestEpoch == 0 || es.monitor().improves(value, best, es.minDelta())) {
                    best = value;
                    bestEpoch = epoch;
                    bestParams = session.checkpoint().params();
                    wait = 0;
                } else if (++wait >= es.patience()) {
                    stopped = true;
                    break;
                }
            }
            Checkpoint now = session.checkpoint();
            if (es == null) {
                bestEpoch = history.size();
                bestParams = now.params();
            }
            long steps = steps0 + session.steps();
            TrialState state = stopped || history.size() >= c.epochs() ? null
                    : new TrialState(now, history, best, bestEpoch, bestParams, wait, steps);
            return new TrialResult(c, TrialResult.Verdict.complete(),
                    new TrialResult.Training(key, history, bestEpoch, steps, ParameterBytes.toBytes(bestParams)),
                    TrialResult.Placement.host(HOST), TrialTimings.worker(buildMs, trainMs, evalMs, millisSince(start)),
                    state);
        } catch (Throwable t) {
            return failed(c, key, oneLine(t), history, steps0 + (session == null ? 0 : session.steps()),
                    TrialTimings.worker(buildMs, trainMs, evalMs, millisSince(start)));
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private static TrialResult failed(Candidate c, String engine, String reason, List<EpochMetrics> history,
                                      long steps, TrialTimings timings) {
        return new TrialResult(c, TrialResult.Verdict.failed(reason),
                TrialResult.Training.unkept(engine, history, steps), TrialResult.Placement.host(HOST), timings, null);
    }

    static String oneLine(Throwable t) {
        String msg = t.getMessage() == null ? "" : t.getMessage().strip();
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl);
        }
        if (msg.length() > 300) {
            msg = msg.substring(0, 300) + "...";
        }
        return t.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
