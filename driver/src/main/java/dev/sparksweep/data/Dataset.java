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
 */
public record Dataset(String source, float[] x, int[] y, int numFeatures, List<String> labelNames,
                      List<String> featureNames, String sha256, long dropped, List<CategoricalFeature> categorical) {

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
