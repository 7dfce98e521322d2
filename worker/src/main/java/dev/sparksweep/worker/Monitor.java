package dev.sparksweep.worker;

/** A validation metric that early stopping or the search objective watches. */
public enum Monitor {
    VAL_LOSS(false), VAL_ACCURACY(true), VAL_MACRO_F1(true), VAL_AUC(true),
    VAL_RMSE(false), VAL_MAE(false), VAL_R2(true);

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
            case VAL_RMSE -> m.valRmse();
            case VAL_MAE -> m.valMae();
            case VAL_R2 -> m.valR2();
        };
    }

    /** Whether the metric is defined for a classification of {@code numClasses} classes: AUC for two only. */
    public boolean appliesTo(int numClasses) {
        return this != VAL_AUC ? !regressionOnly() : numClasses == 2;
    }

    /** Whether the metric is defined for a regression: val_loss and the three error measures. */
    public boolean appliesToRegression() {
        return this == VAL_LOSS || regressionOnly();
    }

    private boolean regressionOnly() {
        return this == VAL_RMSE || this == VAL_MAE || this == VAL_R2;
    }

    /** The metrics of a task, as configs name them. */
    public static java.util.List<Monitor> of(boolean regression) {
        return java.util.Arrays.stream(values())
                .filter(m -> regression ? m.appliesToRegression() : !m.regressionOnly()).toList();
    }

    /** True when {@code candidate} beats {@code best} by more than {@code minDelta} (Keras's rule). */
    public boolean improves(double candidate, double best, double minDelta) {
        return maximise ? candidate > best + minDelta : candidate < best - minDelta;
    }
}
