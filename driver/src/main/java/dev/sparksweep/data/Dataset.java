package dev.sparksweep.data;

import java.util.List;

/**
 * Rows as loaded, before splitting and scaling.
 *
 * @param x row-major features, rows x numFeatures
 * @param y class indices into {@code labelNames}
 * @param sha256 hash of the source bytes, for provenance
 */
public record Dataset(String source, float[] x, int[] y, int numFeatures, List<String> labelNames, String sha256) {

    public int rows() {
        return y.length;
    }

    public int numClasses() {
        return labelNames.size();
    }
}
