package dev.sparksweep.worker;

import java.util.Locale;

/**
 * Which training engine trains a candidate. AUTO picks JVM for dense nets small enough that DL4J's per-op
 * overhead dominates (below {@link #JVM_MAX_FLOPS_PER_STEP}), DL4J otherwise.
 */
public enum Engine implements EngineChoice {
    AUTO, DL4J, JVM;

    /**
     * Above this many FLOPs per optimiser step (6 x parameters x batch) DL4J's BLAS overtakes the JVM engine.
     * Measured with scripts/bench --steps-only (README "Performance"), in process CPU per step on this 2-core
     * machine: the JVM engine wins at 3.9e7 (784-256-10, batch 32: 2.4 ms against 4.6 ms), ties at 2.0e7
     * (64-128-128-10, batch 128: 2.1 ms each) and loses at 1.6e8 (784-256-10, batch 128: 8.0 ms against
     * 6.9 ms); the threshold sits between.
     */
    public static final double JVM_MAX_FLOPS_PER_STEP = 5.0e7;

    /**
     * The same with the vector kernels ({@link Kernels}), 2026-12-04: the JVM engine is ahead on every shape the
     * step benchmark prints, the largest (784-256-10, batch 128, 1.6e8) at 3.8 ms against DL4J's 7.3; bigger steps
     * were not measured, so the bound sits just above it.
     */
    public static final double JVM_MAX_FLOPS_PER_STEP_VECTOR = 2.0e8;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The engine that will actually train {@code c}: never AUTO. */
    public Engine resolve(Candidate c, int numFeatures, int numClasses, int trainRows) {
        if (this != AUTO) {
            return this;
        }
        int batch = EpochOrder.batchRows(c, trainRows);
        double bound = Kernels.BEST instanceof VectorKernels ? JVM_MAX_FLOPS_PER_STEP_VECTOR : JVM_MAX_FLOPS_PER_STEP;
        return 6.0 * parameters(c, numFeatures, numClasses) * batch <= bound ? JVM : DL4J;
    }

    @Override
    public TrainingEngine engineFor(Candidate c, TrainingData data) {
        return switch (resolve(c, data.numFeatures(), data.numClasses(), data.trainRows())) {
            case DL4J -> new Dl4jEngine();
            case JVM -> new JvmEngine();
            case AUTO -> throw new IllegalStateException("AUTO resolves to DL4J or JVM");
        };
    }

    public static long parameters(Candidate c, int numFeatures, int numClasses) {
        long p = 0;
        int in = numFeatures;
        for (int l = 0; l < c.hiddenLayers(); l++) {
            p += (long) in * c.widthOf(l) + c.widthOf(l);
            in = c.widthOf(l);
        }
        return p + (long) in * numClasses + numClasses;
    }
}
