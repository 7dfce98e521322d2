package dev.sparksweep.data;

import java.util.List;

/**
 * Rows as loaded, before splitting and scaling.
 *
 * @param x row-major features, rows x numFeatures
 * @param y class indices into {@code labelNames}
 * @param featureNames one per feature, as the source names them (column names, or "column K" / "feature K")
 * @param sha256 hash of the rows (or of the source bytes for built-in data), for provenance
 * @param dropped rows left out under {@code missing: drop} (and rows without a label under impute)
 * @param categorical the features that hold category codes (see {@link RowParser#MISSING_CODE}), in order
 * @param target a regression's label values, one per row (then {@code y} is all 0 and there are no label names);
 *     null when the label holds classes
 */
public record Dataset(String source, float[] x, int[] y, int numFeatures, List<String> labelNames,
                      List<String> featureNames, String sha256, long dropped, List<CategoricalFeature> categorical,
                      double[] target) {

    /**
     * A feature whose floats are indices into {@code categories}.
     *
     * @param position the feature's index in a row
     * @param column the index of its column among the feature columns (a vector column is one column)
     */
    public record CategoricalFeature(int position, int column, String name, List<String> categories) {
        public CategoricalFeature {
            categories = List.copyOf(categories);
        }
    }

    public Dataset {
        labelNames = List.copyOf(labelNames);
        featureNames = List.copyOf(featureNames);
        categorical = List.copyOf(categorical);
    }

    public Dataset(String source, float[] x, int[] y, int numFeatures, List<String> labelNames,
                   List<String> featureNames, String sha256, long dropped) {
        this(source, x, y, numFeatures, labelNames, featureNames, sha256, dropped, List.of());
    }

    public Dataset(String source, float[] x, int[] y, int numFeatures, List<String> labelNames,
                   List<String> featureNames, String sha256, long dropped, List<CategoricalFeature> categorical) {
        this(source, x, y, numFeatures, labelNames, featureNames, sha256, dropped, categorical, null);
    }

    /**
     * The label as numbers: the regression target, or, for a source read as classes (the built-in digits), the
     * class names as numbers; null when a class name is not a finite number.
     */
    public double[] targetValues() {
        if (target != null) {
            return target;
        }
        double[] byClass = new double[labelNames.size()];
        for (int k = 0; k < byClass.length; k++) {
            try {
                byClass[k] = Double.parseDouble(labelNames.get(k));
            } catch (NumberFormatException e) {
                return null;
            }
            if (!Double.isFinite(byClass[k])) {
                return null;
            }
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] < 0 ? Double.NaN : byClass[y[i]];
        }
        return out;
    }

    public int rows() {
        return y.length;
    }

    public int numClasses() {
        return labelNames.size();
    }

    /** Rows per class index. */
    public long[] classCounts() {
        long[] counts = new long[numClasses()];
        for (int label : y) {
            counts[label]++;
        }
        return counts;
    }
}
