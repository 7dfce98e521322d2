package dev.sparksweep.worker;

/** A validation metric that early stopping or the search objective watches. */
public enum Monitor {
    VAL_LOSS(false), VAL_ACCURACY(true);

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
        return this == VAL_LOSS ? m.valLoss() : m.valAccuracy();
    }

    /** True when {@code candidate} beats {@code best} by more than {@code minDelta} (Keras's rule). */
    public boolean improves(double candidate, double best, double minDelta) {
        return maximise ? candidate > best + minDelta : candidate < best - minDelta;
    }
}
