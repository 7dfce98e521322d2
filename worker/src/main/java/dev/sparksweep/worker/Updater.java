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

    /** One step on every parameter slot with its gradient; {@code t} is the 1-based iteration. */
    void apply(float[][] params, float[][] grads, long t);

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
        public void apply(float[][] params, float[][] grads, long t) {
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
        public void apply(float[][] params, float[][] grads, long t) {
            float lr = (float) learningRate;
            float mu = (float) MOMENTUM;
            for (int s = 0; s < params.length; s++) {
                float[] p = params[s];
                float[] g = grads[s];
                float[] vs = v[s];
                for (int i = 0; i < p.length; i++) {
                    float prev = mu * vs[i];
                    float vi = flush(prev - lr * g[i]);
                    vs[i] = vi;
                    p[i] -= prev + (-mu - 1) * vi;
                }
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
        public void apply(float[][] params, float[][] grads, long t) {
            float lr = (float) learningRate;
            float alpha = (float) (lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
            float bt1 = (float) BETA1;
            float bt2 = (float) BETA2;
            float eps = (float) EPSILON;
            for (int s = 0; s < params.length; s++) {
                float[] p = params[s];
                float[] g = grads[s];
                float[] ms = m[s];
                float[] vs = v[s];
                for (int i = 0; i < p.length; i++) {
                    float gi = g[i];
                    float mi = flush(bt1 * ms[i] + gi * (1 - bt1));
                    float vi = flush(bt2 * vs[i] + gi * gi * (1 - bt2));
                    ms[i] = mi;
                    vs[i] = vi;
                    p[i] -= mi * alpha / ((float) Math.sqrt(vi) + eps);
                }
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
        public void apply(float[][] params, float[][] grads, long t) {
            float lr = (float) learningRate;
            float alpha = (float) (lr / (1 - Math.pow(Adam.BETA1, t)));
            float bt1 = (float) Adam.BETA1;
            float bt2 = (float) Adam.BETA2;
            for (int s = 0; s < params.length; s++) {
                float[] p = params[s];
                float[] g = grads[s];
                float[] ms = m[s];
                float[] us = u[s];
                for (int i = 0; i < p.length; i++) {
                    float gi = g[i];
                    float mi = flush(bt1 * ms[i] + gi * (1 - bt1));
                    float ui = Math.max(bt2 * us[i], Math.abs(gi)) + 1e-32f;
                    ms[i] = mi;
                    us[i] = ui;
                    p[i] -= mi * alpha / ui;
                }
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
        public void apply(float[][] params, float[][] grads, long t) {
            float lr = (float) learningRate;
            float decay = (float) DECAY;
            float eps = (float) EPSILON;
            for (int s = 0; s < params.length; s++) {
                float[] p = params[s];
                float[] g = grads[s];
                float[] cs = cache[s];
                for (int i = 0; i < p.length; i++) {
                    float gi = g[i];
                    float ci = flush(cs[i] * decay + gi * gi * (1 - decay));
                    cs[i] = ci;
                    p[i] -= lr * gi / ((float) Math.sqrt(ci) + eps);
                }
            }
        }
    }
}
