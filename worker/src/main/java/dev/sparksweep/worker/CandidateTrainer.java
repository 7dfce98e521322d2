package dev.sparksweep.worker;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one candidate on one executor thread: mini-batches shuffled every epoch with the candidate's seed,
 * train and validation metrics after every epoch, early stopping with the best epoch restored. Never throws:
 * whatever goes wrong becomes a FAILED result with a one-line reason.
 */
public final class CandidateTrainer {
    private static final String HOST = hostName();

    private CandidateTrainer() {
    }

    public static TrialResult train(Candidate c, TrainingData data) {
        long start = System.nanoTime();
        List<EpochMetrics> history = new ArrayList<>();
        double buildMs = 0;
        double trainMs = 0;
        double evalMs = 0;
        try {
            Backend.ensureReady();
            Nd4j.getRandom().setSeed(c.seed());
            MultiLayerNetwork net = NetworkFactory.build(c, data.numFeatures(), data.numClasses());
            int f = data.numFeatures();
            INDArray trainX = Nd4j.create(data.trainX(), new long[] {data.trainRows(), f}, 'c');
            INDArray valX = Nd4j.create(data.valX(), new long[] {data.valRows(), f}, 'c');
            buildMs = millisSince(start);

            int n = data.trainRows();
            int batch = c.batchSize() == Candidate.FULL_BATCH ? n : Math.min(c.batchSize(), n);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Random shuffler = new Random(c.seed());
            EarlyStopping es = c.earlyStopping();
            double best = Double.NaN;
            int bestEpoch = 0;
            float[] bestParams = null;
            int wait = 0;
            for (int epoch = 1; epoch <= c.epochs(); epoch++) {
                long t0 = System.nanoTime();
                shuffle(order, shuffler);
                for (int from = 0; from < n; from += batch) {
                    int rows = Math.min(batch, n - from);
                    net.fit(batchFeatures(data, order, from, rows), batchLabels(data, order, from, rows));
                }
                long t1 = System.nanoTime();
                trainMs += (t1 - t0) / 1e6;
                double[] tr = Scores.lossAndAccuracy(flat(net.output(trainX, false)), data.trainY(),
                        data.numClasses());
                double[] va = Scores.lossAndAccuracy(flat(net.output(valX, false)), data.valY(),
                        data.numClasses());
                evalMs += millisSince(t1);
                EpochMetrics m = new EpochMetrics(epoch, tr[0], tr[1], va[0], va[1]);
                history.add(m);
                if (!Double.isFinite(m.trainLoss()) || !Double.isFinite(m.valLoss())
                        || !Double.isFinite(net.score())) {
                    return failed(c, "loss is NaN or infinite after epoch " + epoch + " (diverged)", history,
                            new TrialTimings(buildMs, trainMs, evalMs, millisSince(start)));
                }
                if (es == null) {
                    continue;
                }
                double value = es.monitor().of(m);
                if (bestEpoch == 0 || es.monitor().improves(value, best, es.minDelta())) {
                    best = value;
                    bestEpoch = epoch;
                    bestParams = net.params().toFloatVector();
                    wait = 0;
                } else if (++wait >= es.patience()) {
                    break;
                }
            }
            if (es == null) {
                bestEpoch = history.size();
                bestParams = net.params().toFloatVector();
            }
            return new TrialResult(c, TrialStatus.COMPLETE, "", history, bestEpoch,
                    new TrialTimings(buildMs, trainMs, evalMs, millisSince(start)), HOST, "",
                    ParameterBytes.toBytes(bestParams));
        } catch (Throwable t) {
            return failed(c, oneLine(t), history, new TrialTimings(buildMs, trainMs, evalMs, millisSince(start)));
        }
    }

    private static TrialResult failed(Candidate c, String reason, List<EpochMetrics> history, TrialTimings timings) {
        return new TrialResult(c, TrialStatus.FAILED, reason, history, 0, timings, HOST, "", new byte[0]);
    }

    private static INDArray batchFeatures(TrainingData data, int[] order, int from, int rows) {
        int f = data.numFeatures();
        float[] x = new float[rows * f];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data.trainX(), order[from + r] * f, x, r * f, f);
        }
        return Nd4j.create(x, new long[] {rows, f}, 'c');
    }

    private static INDArray batchLabels(TrainingData data, int[] order, int from, int rows) {
        int k = data.numClasses();
        float[] y = new float[rows * k];
        for (int r = 0; r < rows; r++) {
            y[r * k + data.trainY()[order[from + r]]] = 1f;
        }
        return Nd4j.create(y, new long[] {rows, k}, 'c');
    }

    private static float[] flat(INDArray a) {
        return Nd4j.toFlattened('c', a).toFloatVector();
    }

    private static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
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
