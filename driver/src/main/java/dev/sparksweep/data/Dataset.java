package dev.sparksweep.data;

import java.util.List;

/**
 * Rows as loaded, before splitting and scaling.
 *
 * @param x row-major features, rows x numFeatures
 * @param y class indices into {@code labelNames}
 * @param featureNames one per feature, as the source names them (column names, or "column K" / "feature K")
 * @param sha256 hash of the rows (or of the source bytes for built-in data), for provenance
 * @param dropped rows left out under {@code missing: drop}
 */
public record Dataset(String source, float[] x, int[] y, int numFeatures, List<String> labelNames,
                      List<String> featureNames, String sha256, long dropped) {

    public Dataset {
        labelNames = List.copyOf(labelNames);
        featureNames = List.copyOf(featureNames);
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
