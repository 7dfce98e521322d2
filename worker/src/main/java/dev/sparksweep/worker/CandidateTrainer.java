package dev.sparksweep.worker;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one candidate on one executor thread: the training rows shuffled every epoch with the candidate's
 * seed, train and validation metrics after every epoch, early stopping with the best epoch restored. Never
 * throws: whatever goes wrong becomes a FAILED result with a one-line reason.
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
        long steps = 0;
        try {
            Backend.ensureReady();
            Nd4j.getRandom().setSeed(c.seed());
            MultiLayerNetwork net = NetworkFactory.build(c, data.numFeatures(), data.numClasses());
            INDArray trainX = Nd4j.create(data.trainX(), new long[] {data.trainRows(), data.numFeatures()}, 'c');
            INDArray valX = Nd4j.create(data.valX(), new long[] {data.valRows(), data.numFeatures()}, 'c');
            Batches batches = new Batches(data, c.batchSize() == Candidate.FULL_BATCH ? data.trainRows()
                    : Math.min(c.batchSize(), data.trainRows()), new Random(c.seed()));
            buildMs = millisSince(start);

            EarlyStopping es = c.earlyStopping();
            double best = Double.NaN;
            int bestEpoch = 0;
            float[] bestParams = null;
            int wait = 0;
            for (int epoch = 1; epoch <= c.epochs(); epoch++) {
                long t0 = System.nanoTime();
                batches.shuffle();
                for (int b = 0; b < batches.count(); b++) {
                    net.fit(batches.features(b), batches.labels(b));
                }
                steps += batches.count();
                long t1 = System.nanoTime();
                trainMs += (t1 - t0) / 1e6;
                double[] tr = Scores.lossAndAccuracy(flat(net.output(trainX, false)), data.trainY(),
                        data.numClasses());
                double[] va = Scores.lossAndAccuracy(flat(net.output(valX, false)), data.valY(), data.numClasses());
                evalMs += millisSince(t1);
                EpochMetrics m = new EpochMetrics(epoch, tr[0], tr[1], va[0], va[1]);
                history.add(m);
                if (!Double.isFinite(m.trainLoss()) || !Double.isFinite(m.valLoss())
                        || !Double.isFinite(net.score())) {
                    return failed(c, "loss is NaN or infinite after epoch " + epoch + " (diverged)", history, steps,
                            TrialTimings.worker(buildMs, trainMs, evalMs, millisSince(start)));
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
            return new TrialResult(c, TrialStatus.COMPLETE, "", history, bestEpoch, steps,
                    TrialTimings.worker(buildMs, trainMs, evalMs, millisSince(start)), HOST, "",
                    ParameterBytes.toBytes(bestParams));
        } catch (Throwable t) {
            return failed(c, oneLine(t), history, steps,
                    TrialTimings.worker(buildMs, trainMs, evalMs, millisSince(start)));
        }
    }

    private static TrialResult failed(Candidate c, String reason, List<EpochMetrics> history, long steps,
                                      TrialTimings timings) {
        return new TrialResult(c, TrialStatus.FAILED, reason, history, 0, steps, timings, HOST, "", new byte[0]);
    }

    /**
     * The training rows as mini-batches whose arrays are allocated once and refilled in place every epoch, so a
     * step allocates no input arrays; the rows are reshuffled across batches each epoch, as Keras does.
     */
    private static final class Batches {
        private final TrainingData data;
        private final int[] order;
        private final Random rng;
        private final INDArray[] x;
        private final INDArray[] y;
        private final float[][] xBuf;
        private final float[][] yBuf;
        private final int size;

        Batches(TrainingData data, int size, Random rng) {
            this.data = data;
            this.size = size;
            this.rng = rng;
            int n = data.trainRows();
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            int count = (n + size - 1) / size;
            x = new INDArray[count];
            y = new INDArray[count];
            xBuf = new float[count][];
            yBuf = new float[count][];
            for (int b = 0; b < count; b++) {
                int rows = Math.min(size, n - b * size);
                xBuf[b] = new float[rows * data.numFeatures()];
                yBuf[b] = new float[rows * data.numClasses()];
                x[b] = Nd4j.create(xBuf[b], new long[] {rows, data.numFeatures()}, 'c');
                y[b] = Nd4j.create(yBuf[b], new long[] {rows, data.numClasses()}, 'c');
            }
        }

        int count() {
            return x.length;
        }

        void shuffle() {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int f = data.numFeatures();
            int k = data.numClasses();
            for (int b = 0; b < x.length; b++) {
                float[] xb = xBuf[b];
                float[] yb = yBuf[b];
                java.util.Arrays.fill(yb, 0f);
                int rows = yb.length / k;
                for (int r = 0; r < rows; r++) {
                    int row = order[b * size + r];
                    System.arraycopy(data.trainX(), row * f, xb, r * f, f);
                    yb[r * k + data.trainY()[row]] = 1f;
                }
                x[b].data().setData(xb);
                y[b].data().setData(yb);
            }
        }

        INDArray features(int b) {
            return x[b];
        }

        INDArray labels(int b) {
            return y[b];
        }
    }

    private static float[] flat(INDArray a) {
        return Nd4j.toFlattened('c', a).toFloatVector();
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
