package dev.sparksweep.worker;

import org.nd4j.linalg.learning.config.IUpdater;

/**
 * An optimiser: DL4J's updater with DL4J's defaults for everything but the learning rate. The JVM engine's side
 * owns its state (slots shaped like the parameters, see {@link Dl4jLayout}) and applies libnd4j's formulas in
 * float; {@link #dl4j} gives the same updater to a DL4J network.
 */
sealed interface Updater permits Updater.Sgd, Updater.Nesterovs, Updater.Adam, Updater.AdaMax, Updater.RmsProp {
    double EPSILON = 1e-8;

    /** A fresh updater for the candidate's optimiser and learning rate, with its state at DL4J's start. */
    static Updater of(Candidate c, Dl4jLayout layout) {
        double lr = c.learningRate();
        return switch (c.optimizer()) {
            case SGD -> new Sgd(lr);
            case NESTEROVS -> new Nesterovs(lr, layout.newSlots());
            case ADAM -> new Adam(lr, layout.newSlots(), layout.newSlots());
            case ADAMAX -> new AdaMax(lr, layout.newSlots(), layout.newSlots());
            case RMSPROP -> RmsProp.fresh(lr, layout);
        };
    }

    /** DL4J's updater for an optimiser, without any state of ours: what a DL4J network is configured with. */
    static IUpdater dl4j(Optimizer optimizer, double learningRate) {
        return switch (optimizer) {
            case SGD -> Sgd.dl4j(learningRate);
            case NESTEROVS -> Nesterovs.dl4j(learningRate);
            case ADAM -> Adam.dl4j(learningRate);
            case ADAMAX -> AdaMax.dl4j(learningRate);
            case RMSPROP -> RmsProp.dl4j(learningRate);
        };
    }

    Optimizer optimizer();

    /** The state slots in the order of DL4J's updater-state view (none for SGD). */
    float[][][] state();

    /**
     * One step on every parameter slot with its gradient; {@code t} is the 1-based iteration. The elementwise
     * loops are the kernels' ({@link Kernels#adam} and its siblings), which give the same bits either way.
     */
    void apply(float[][] params, float[][] grads, long t, Kernels k);

    /**
     * Zero for a subnormal state value. A parameter whose gradient stays exactly zero (a dead ReLU, an input
     * column that is always 0) decays its moments into the subnormal range, where {@code 0.9f * x} rounds back
     * to {@code x} for ever; Java has no flush-to-zero, and on Intel cores every subnormal operation takes a
     * microcode assist, measured at 25x the cost of a normal one. The change to a parameter is below 1e-34.
     */
    static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    record Sgd(double learningRate) implements Updater {
        static IUpdater dl4j(double lr) {
            return new org.nd4j.linalg.learning.config.Sgd(lr);
        }

        @Override
        public Optimizer optimizer() {
            return Optimizer.SGD;
        }

        @Override
        public float[][][] state() {
            return new float[0][][];
        }

        @Override
        public void apply(float[][] params, float[][] grads, long t, Kernels k) {
            float lr = (float) learningRate;
            for (int s = 0; s < params.length; s++) {
                float[] p = params[s];
                float[] g = grads[s];
                for (int i = 0; i < p.length; i++) {
                    p[i] -= lr * g[i];
                }
            }
        }
    }

    /** @param v the velocity */
    record Nesterovs(double learningRate, float[][] v) implements Updater {
        static final double MOMENTUM = 0.9;

        static IUpdater dl4j(double lr) {
            // Nesterovs(double) takes the momentum, not the learning rate
            return new org.nd4j.linalg.learning.config.Nesterovs(lr, MOMENTUM);
        }

        @Override
        public Optimizer optimizer() {
            return Optimizer.NESTEROVS;
        }

        @Override
        public float[][][] state() {
            return new float[][][] {v};
        }

        @Override
        public void apply(float[][] params, float[][] grads, long t, Kernels k) {
            for (int s = 0; s < params.length; s++) {
                k.nesterovs(params[s], grads[s], v[s], (float) learningRate);
            }
        }
    }

    /** @param m the first moment @param v the second */
    record Adam(double learningRate, float[][] m, float[][] v) implements Updater {
        static final double BETA1 = 0.9;
        static final double BETA2 = 0.999;

        static IUpdater dl4j(double lr) {
            return new org.nd4j.linalg.learning.config.Adam(lr);
        }

        @Override
        public Optimizer optimizer() {
            return Optimizer.ADAM;
        }

        @Override
        public float[][][] state() {
            return new float[][][] {m, v};
        }

        @Override
        public void apply(float[][] params, float[][] grads, long t, Kernels k) {
            float alpha = (float) ((float) learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
            for (int s = 0; s < params.length; s++) {
                k.adam(params[s], grads[s], m[s], v[s], alpha);
            }
        }
    }

    /** @param m the first moment @param u the exponentially weighted infinity norm */
    record AdaMax(double learningRate, float[][] m, float[][] u) implements Updater {
        static IUpdater dl4j(double lr) {
            return new org.nd4j.linalg.learning.config.AdaMax(lr);
        }

        @Override
        public Optimizer optimizer() {
            return Optimizer.ADAMAX;
        }

        @Override
        public float[][][] state() {
            return new float[][][] {m, u};
        }

        @Override
        public void apply(float[][] params, float[][] grads, long t, Kernels k) {
            float alpha = (float) ((float) learningRate / (1 - Math.pow(Adam.BETA1, t)));
            for (int s = 0; s < params.length; s++) {
                k.adaMax(params[s], grads[s], m[s], u[s], alpha);
            }
        }
    }

    /** @param cache the running mean of squared gradients */
    record RmsProp(double learningRate, float[][] cache) implements Updater {
        static final double DECAY = 0.95;

        /** DL4J starts the cache at epsilon, not zero. */
        static RmsProp fresh(double lr, Dl4jLayout layout) {
            float[][] cache = layout.newSlots();
            for (float[] slot : cache) {
                java.util.Arrays.fill(slot, (float) EPSILON);
            }
            return new RmsProp(lr, cache);
        }

        static IUpdater dl4j(double lr) {
            return new org.nd4j.linalg.learning.config.RmsProp(lr);
        }

        @Override
        public Optimizer optimizer() {
            return Optimizer.RMSPROP;
        }

        @Override
        public float[][][] state() {
            return new float[][][] {cache};
        }

        @Override
        public void apply(float[][] params, float[][] grads, long t, Kernels k) {
            for (int s = 0; s < params.length; s++) {
                k.rmsProp(params[s], grads[s], cache[s], (float) learningRate);
            }
        }
    }
}
