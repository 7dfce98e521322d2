package dev.sparksweep.config;

/**
 * Where the rows come from and how they are split and scaled.
 *
 * @param label the label column (name or 0-based index); null means the last column
 */
public record DataConfig(String source, String label, SplitConfig split, Scaling scale) {

    /** Train/validation/test fractions that sum to 1. */
    public record SplitConfig(double train, double validation, double test, boolean stratify, long seed) {
    }

    /** Feature scaling, always fitted on the training split only. */
    public enum Scaling {
        /** As is. */
        NONE,
        /** Divide by the largest absolute value in the training split (the lesson's X / 16). */
        MAX,
        /** Per feature to [0, 1] by the training split's min and max. */
        MINMAX,
        /** Per feature to zero mean and unit variance of the training split. */
        STANDARD
    }
}
