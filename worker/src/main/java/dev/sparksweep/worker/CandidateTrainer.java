package dev.sparksweep.worker;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one candidate on one executor thread, with either engine: an epoch of shuffled mini-batches, then
 * train and validation metrics on the whole splits, then early stopping, which keeps the best epoch's
 * parameters. Never throws: whatever goes wrong becomes a FAILED result with a one-line reason.
 */
public final class CandidateTrainer {
    private static final String HOST = hostName();

    private CandidateTrainer() {
    }

    public static TrialResult train(Candidate c, TrainingData data) {
        return train(c, data, Engine.AUTO);
    }

    public static TrialResult train(Candidate c, TrainingData data, Engine requested) {
        return train(c, data, requested, 0);
    }

    /**
     * @param timeoutMillis the trial's wall-clock budget, checked after every epoch; 0 for none. A trial past it
     *     is FAILED with reason "timeout".
     */
    public static TrialResult train(Candidate c, TrainingData data, Engine requested, long timeoutMillis) {
        long start = System.nanoTime();
        List<EpochMetrics> history = new ArrayList<>();
        double buildMs = 0;
        double trainMs = 0;
        double evalMs = 0;
        Engine engine = requested;
        TrainingEngine.Session session = null;
        try {
            engine = requested.resolve(c, data.numFeatures(), data.numClasses(), data.trainRows());
            session = TrainingEngine.of(engine).open(c, data, null);
            buildMs = millisSince(start);

            EarlyStopping es = c.earlyStopping();
            double best = Double.NaN;
            int bestEpoch = 0;
            float[] bestParams = null;
            int wait = 0;
            for (int epoch = 1; epoch <= c.epochs(); epoch++) {
                long t0 = System.nanoTime();
                session.trainEpoch(epoch);
                long t1 = System.nanoTime();
                trainMs += (t1 - t0) / 1e6;
                double[] tr = Scores.lossAndAccuracy(session.predict(data.trainX(), data.trainRows()),
                        data.trainY(), data.numClasses());
                double[] va = Scores.lossAndAccuracy(session.predict(data.valX(), data.valRows()), data.valY(),
                        data.numClasses());
                evalMs += millisSince(t1);
                EpochMetrics m = new EpochMetrics(epoch, tr[0], tr[1], va[0], va[1]);
                history.add(m);
                if (!Double.isFinite(m.trainLoss()) || !Double.isFinite(m.valLoss())) {
                    return failed(c, engine, "loss is NaN or infinite after epoch " + epoch + " (diverged)",
                            history, session.steps(), TrialTimings.worker(buildMs, trainMs, evalMs,
                                    millisSince(start)));
                }
                if (timeoutMillis > 0 && millisSince(start) > timeoutMillis) {
                    return failed(c, engine, "timeout", history, session.steps(),
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
                    break;
                }
            }
            if (es == null) {
                bestEpoch = history.size();
                bestParams = session.checkpoint().params();
            }
            return new TrialResult(c, TrialStatus.COMPLETE, "", history, bestEpoch, session.steps(), engine.key(),
                    TrialTimings.worker(buildMs, trainMs, evalMs, millisSince(start)), HOST, "",
                    ParameterBytes.toBytes(bestParams));
        } catch (Throwable t) {
            return failed(c, engine, oneLine(t), history, session == null ? 0 : session.steps(),
                    TrialTimings.worker(buildMs, trainMs, evalMs, millisSince(start)));
        }
    }

    private static TrialResult failed(Candidate c, Engine engine, String reason, List<EpochMetrics> history,
                                      long steps, TrialTimings timings) {
        return new TrialResult(c, TrialStatus.FAILED, reason, history, 0, steps, engine.key(), timings, HOST, "",
                new byte[0]);
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
