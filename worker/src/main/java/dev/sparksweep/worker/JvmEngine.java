package dev.sparksweep.worker;

/**
 * The JVM engine: {@link DenseNet} on plain float arrays, for small dense nets whose DL4J steps are bound by
 * per-op overhead rather than arithmetic. Its parameters go back into a DL4J network for everything users see.
 */
final class JvmEngine implements TrainingEngine {

    @Override
    public Session open(Candidate c, TrainingData data, Checkpoint from) {
        int n = data.trainRows();
        int batch = c.batchSize() == Candidate.FULL_BATCH ? n : Math.min(c.batchSize(), n);
        DenseNet net = new DenseNet(c, data.numFeatures(), data.numClasses(), Math.max(batch, 256));
        int epochs = 0;
        if (from == null) {
            net.initialise(c.seed());
        } else {
            net.importParams(from.params());
            net.importState(from.updaterState(), from.iterations());
            epochs = from.epochs();
        }
        return new JvmSession(c, data, net, batch, epochs);
    }

    private static final class JvmSession implements Session {
        private final Candidate c;
        private final TrainingData data;
        private final DenseNet net;
        private final int batch;
        private final int[] order;
        private int epochs;
        private long steps;

        JvmSession(Candidate c, TrainingData data, DenseNet net, int batch, int epochs) {
            this.c = c;
            this.data = data;
            this.net = net;
            this.batch = batch;
            this.epochs = epochs;
            this.order = new int[data.trainRows()];
        }

        @Override
        public void trainEpoch(int epoch) {
            EpochOrder.fill(order, c.seed(), epoch);
            net.seedDropout(EpochOrder.seed(c.seed(), epoch) ^ 0x5DEECE66DL);
            int n = order.length;
            int f = data.numFeatures();
            float[] x = net.inputBuffer();
            float[] src = data.trainX();
            for (int from = 0; from < n; from += batch) {
                int rows = Math.min(batch, n - from);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(src, order[from + r] * f, x, r * f, f);
                }
                net.step(rows, data.trainY(), order, from);
                steps++;
            }
            epochs = epoch;
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
