package dev.sparksweep.worker;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The reference engine: DL4J's MultiLayerNetwork, one fit() per mini-batch. */
final class Dl4jEngine implements TrainingEngine {

    @Override
    public String key() {
        return Engine.DL4J.key();
    }

    @Override
    public Session open(Candidate c, TrainingData data, Checkpoint from) {
        org.nd4j.linalg.lossfunctions.ILossFunction loss = data.regression() ? new RecordingMse()
                : data.classWeights() == null ? new RecordingLoss()
                : new RecordingLoss(NetworkFactory.weights(data.classWeights()));
        MultiLayerNetwork net = NetworkFactory.start(c, data, from, loss);
        // the layer may hold a copy of the configured loss: read the batches' scores from the one it uses
        Scores scores = ((ScoreRecording) ((org.deeplearning4j.nn.conf.layers.BaseOutputLayer)
                net.getOutputLayer().conf().getLayer()).getLossFn()).scores();
        return new Dl4jSession(c, data, net, from == null ? 0 : from.epochs(), scores);
    }

    private static final class Dl4jSession implements Session {
        private final Candidate c;
        private final TrainingData data;
        private final MultiLayerNetwork net;
        private final EpochOrder order;
        private final INDArray[] x;
        private final INDArray[] y;
        private final float[][] xBuf;
        private final float[][] yBuf;
        private final Scores scores;
        private int epochs;
        private long steps;

        Dl4jSession(Candidate c, TrainingData data, MultiLayerNetwork net, int epochs, Scores scores) {
            this.c = c;
            this.scores = scores;
            this.data = data;
            this.net = net;
            this.epochs = epochs;
            order = new EpochOrder(c, data.trainRows());
            // mini-batch arrays are allocated once and refilled in place every epoch
            int count = order.batches();
            x = new INDArray[count];
            y = new INDArray[count];
            xBuf = new float[count][];
            yBuf = new float[count][];
            for (int b = 0; b < count; b++) {
                int rows = order.rows(b);
                xBuf[b] = new float[rows * data.numFeatures()];
                yBuf[b] = new float[rows * data.numClasses()];
                x[b] = Nd4j.create(xBuf[b], new long[] {rows, data.numFeatures()}, 'c');
                y[b] = Nd4j.create(yBuf[b], new long[] {rows, data.numClasses()}, 'c');
            }
        }

        @Override
        public void trainEpoch(int epoch) {
            order.shuffle(epoch);
            // dropout masks come from ND4J's generator: seed it per epoch so that a continued trial matches
            Nd4j.getRandom().setSeed(EpochOrder.seed(c.seed(), epoch));
            int f = data.numFeatures();
            int k = data.numClasses();
            scores.reset();
            for (int b = 0; b < x.length; b++) {
                float[] xb = xBuf[b];
                float[] yb = yBuf[b];
                java.util.Arrays.fill(yb, 0f);
                order.gather(b, data.trainX(), f, xb);
                int from = order.start(b);
                for (int r = 0; r < order.rows(b); r++) {
                    if (data.regression()) {
                        yb[r] = data.target().train()[order.row(from + r)];
                    } else {
                        yb[r * k + data.trainY()[order.row(from + r)]] = 1f;
                    }
                }
                x[b].data().setData(xb);
                y[b].data().setData(yb);
                net.fit(x[b], y[b]);
            }
            steps += x.length;
            epochs = epoch;
        }

        @Override
        public double[] runningMetrics() {
            return scores.mean();
        }

        @Override
        public float[] predict(float[] input, int rows) {
            INDArray in = Nd4j.create(input, new long[] {rows, data.numFeatures()}, 'c');
            return Nd4j.toFlattened('c', net.output(in, false)).toFloatVector();
        }

        @Override
        public Checkpoint checkpoint() {
            return NetworkFactory.checkpoint(net, epochs);
        }

        @Override
        public long steps() {
            return steps;
        }
    }
}
