package dev.sparksweep.worker;

/** A validation metric that early stopping or the search objective watches. */
public enum Monitor {
    VAL_LOSS(false), VAL_ACCURACY(true), VAL_MACRO_F1(true), VAL_AUC(true);

    private final boolean maximise;

    Monitor(boolean maximise) {
        this.maximise = maximise;
    }

    public boolean maximise() {
        return maximise;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public double of(EpochMetrics m) {
        return switch (this) {
            case VAL_LOSS -> m.valLoss();
            case VAL_ACCURACY -> m.valAccuracy();
            case VAL_MACRO_F1 -> m.valMacroF1();
            case VAL_AUC -> m.valAuc();
        };
    }

    /** Whether the metric is defined for {@code numClasses} classes: AUC for two only. */
    public boolean appliesTo(int numClasses) {
        return this != VAL_AUC || numClasses == 2;
    }

    /** True when {@code candidate} beats {@code best} by more than {@code minDelta} (Keras's rule). */
    public boolean improves(double candidate, double best, double minDelta) {
        return maximise ? candidate > best + minDelta : candidate < best - minDelta;
    }
}
