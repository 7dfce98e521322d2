package dev.sparksweep.config;

import java.util.List;

/**
 * Where the rows come from, how they are read, split and scaled.
 *
 * @param source {@code builtin:NAME}, {@code csv:PATH}, {@code libsvm:PATH} or {@code parquet:PATH}
 * @param label the label column, by name or 0-based index; null means the source's default (the last column of
 *     a CSV file, {@code label} in Parquet)
 * @param features the feature columns; empty means every column but the label
 * @param validation a source for the validation rows instead of a split fraction, or null
 * @param test a source for the test rows instead of a split fraction, or null
 * @param maxSizeMb the largest training data, as float32 features, that may be collected and broadcast
 * @param categorical which feature columns are one-hot encoded
 * @param maxCategories the most distinct values a categorical column may have
 * @param classWeights how the classes weigh in the training loss
 * @param task what the label is: classes, or a number to predict
 */
public record DataConfig(String source, String label, SplitConfig split, Scaling scale, CsvOptions csv,
                         Integer numFeatures, List<String> features, Missing missing, String validation,
                         String test, long maxSizeMb, Categorical categorical, int maxCategories,
                         ClassWeights classWeights, Task task) {
    public static final long DEFAULT_MAX_SIZE_MB = 1024;
    public static final int DEFAULT_MAX_CATEGORIES = 100;

    public DataConfig(String source, String label, SplitConfig split, Scaling scale) {
        this(source, label, split, scale, CsvOptions.DEFAULT, null, List.of(), Missing.ERROR, null, null,
                DEFAULT_MAX_SIZE_MB);
    }

    public DataConfig(String source, String label, SplitConfig split, Scaling scale, CsvOptions csv,
                      Integer numFeatures, List<String> features, Missing missing, String validation, String test,
                      long maxSizeMb) {
        this(source, label, split, scale, csv, numFeatures, features, missing, validation, test, maxSizeMb,
                Categorical.AUTO, DEFAULT_MAX_CATEGORIES, ClassWeights.NONE, Task.CLASSIFICATION);
    }

    public DataConfig(String source, String label, SplitConfig split, Scaling scale, CsvOptions csv,
                      Integer numFeatures, List<String> features, Missing missing, String validation, String test,
                      long maxSizeMb, Categorical categorical, int maxCategories) {
        this(source, label, split, scale, csv, numFeatures, features, missing, validation, test, maxSizeMb,
                categorical, maxCategories, ClassWeights.NONE, Task.CLASSIFICATION);
    }

    public DataConfig(String source, String label, SplitConfig split, Scaling scale, CsvOptions csv,
                      Integer numFeatures, List<String> features, Missing missing, String validation, String test,
                      long maxSizeMb, Categorical categorical, int maxCategories, ClassWeights classWeights) {
        this(source, label, split, scale, csv, numFeatures, features, missing, validation, test, maxSizeMb,
                categorical, maxCategories, classWeights, Task.CLASSIFICATION);
    }

    public boolean regression() {
        return task == Task.REGRESSION;
    }

    public DataConfig {
        features = List.copyOf(features);
    }

    /** The source kind: the part before the first colon. */
    public static String kind(String source) {
        int colon = source.indexOf(':');
        return colon < 0 ? "" : source.substring(0, colon);
    }

    /** The path: the part after the first colon. */
    public static String location(String source) {
        return source.substring(source.indexOf(':') + 1);
    }

    public boolean builtin() {
        return kind(source).equals("builtin");
    }

    /** Train/validation/test fractions that sum to 1. */
    public record SplitConfig(double train, double validation, double test, boolean stratify, long seed) {
    }

    /** How CSV files are read. */
    public record CsvOptions(boolean header, String delimiter) {
        public static final CsvOptions DEFAULT = new CsvOptions(true, ",");
    }

    /** What the label is. */
    public enum Task {
        /** Classes: softmax outputs with cross-entropy. */
        CLASSIFICATION,
        /** A number: one linear output with mean squared error, on the target standardised on the training split. */
        REGRESSION
    }

    /** How the classes weigh in the training loss; the metrics are never weighted. */
    public enum ClassWeights {
        /** Every row weighs 1. */
        NONE,
        /** A row of class k weighs rows / (classes x rows of k) over the training split, as scikit-learn does. */
        BALANCED
    }

    /** What to do with rows that have an empty, NaN or infinite feature, or no label. */
    public enum Missing {
        /** Refuse the data, naming the first such row. */
        ERROR,
        /** Leave such rows out and say how many. */
        DROP,
        /**
         * Fill the cell: a numeric one with the training split's median, a categorical one with its own "missing"
         * category. Rows without a label are still left out.
         */
        IMPUTE
    }

    /**
     * Which feature columns are categorical (one-hot encoded on the training split's categories).
     *
     * @param columns the named columns under {@link Mode#LIST}, else empty
     */
    public record Categorical(Mode mode, List<String> columns) {
        public static final Categorical AUTO = new Categorical(Mode.AUTO, List.of());
        public static final Categorical NONE = new Categorical(Mode.NONE, List.of());

        public Categorical {
            columns = List.copyOf(columns);
        }

        /** AUTO: every CSV column with a non-numeric cell and every Parquet string or boolean column. */
        public enum Mode { AUTO, NONE, LIST }
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
