package dev.sparksweep.worker;

/**
 * The JVM engine: {@link DenseNet} on plain float arrays, for small dense nets whose DL4J steps are bound by
 * per-op overhead rather than arithmetic. Its parameters go back into a DL4J network for everything users see.
 */
final class JvmEngine implements TrainingEngine {

    @Override
    public String key() {
        return Engine.JVM.key();
    }

    @Override
    public Session open(Candidate c, TrainingData data, Checkpoint from) {
        EpochOrder order = new EpochOrder(c, data.trainRows());
        DenseNet net = new DenseNet(c, data.numFeatures(), data.numClasses(), Math.max(order.batchRows(), 256));
        net.weightClasses(data.classWeights());
        net.regressTo(data.regression() ? data.target().train() : null);
        int epochs = 0;
        if (from == null) {
            net.initialise(c.seed());
        } else {
            net.importParams(from.params());
            net.importState(from.updaterState(), from.iterations());
            epochs = from.epochs();
        }
        return new JvmSession(c, data, net, order, epochs);
    }

    private static final class JvmSession implements Session {
        private final Candidate c;
        private final TrainingData data;
        private final DenseNet net;
        private final EpochOrder order;
        private int epochs;
        private long steps;

        JvmSession(Candidate c, TrainingData data, DenseNet net, EpochOrder order, int epochs) {
            this.c = c;
            this.data = data;
            this.net = net;
            this.order = order;
            this.epochs = epochs;
        }

        @Override
        public void trainEpoch(int epoch) {
            order.shuffle(epoch);
            net.seedDropout(EpochOrder.seed(c.seed(), epoch) ^ 0x5DEECE66DL);
            int f = data.numFeatures();
            float[] x = net.inputBuffer();
            net.scores().reset();
            for (int b = 0; b < order.batches(); b++) {
                order.gather(b, data.trainX(), f, x);
                net.step(order.rows(b), data.trainY(), order.order(), order.start(b));
                steps++;
            }
            epochs = epoch;
        }

        @Override
        public double[] runningMetrics() {
            return net.scores().mean();
        }

        @Override
        public float[] predict(float[] input, int rows) {
            int f = data.numFeatures();
            int k = data.numClasses();
            float[] out = new float[rows * k];
            float[] x = net.inputBuffer();
            for (int from = 0; from < rows; from += net.maxRows()) {
                int chunk = Math.min(net.maxRows(), rows - from);
                System.arraycopy(input, from * f, x, 0, chunk * f);
                net.predictBuffer(chunk, out, from * k);
            }
            return out;
        }

        @Override
        public Checkpoint checkpoint() {
            return new Checkpoint(net.exportParams(), net.exportState(), epochs, net.iterations());
        }

        @Override
        public long steps() {
            return steps;
        }
    }
}
