package dev.sparksweep.data;

import java.util.List;

/**
 * What {@code best/preprocessing.json} holds: everything {@code sweep predict} needs to turn new rows into the
 * winner's inputs and its outputs back into the user's class names.
 *
 * @param scaleOffset x_scaled = (x - scale_offset) / scale_divisor, per feature
 */
public record Preprocessing(String trial, String dataSource, ReadAs readAs, int numFeatures,
                            List<String> featureNames, List<String> labelNames, String scale, float[] scaleOffset,
                            float[] scaleDivisor, String rule) {
    public static final String RULE = "x_scaled = (x - scale_offset) / scale_divisor, per feature";

    public static Preprocessing of(String trial, PreparedData data) {
        Dataset d = data.dataset();
        return new Preprocessing(trial, d.source(), data.sources().readAs(), d.numFeatures(), d.featureNames(),
                d.labelNames(), data.scaler().kind().name().toLowerCase(java.util.Locale.ROOT),
                data.scaler().offset(), data.scaler().scale(), RULE);
    }

    /** Scales row-major features in place. */
    public void scale(float[] x) {
        int f = numFeatures;
        for (int i = 0; i < x.length; i++) {
            int j = i % f;
            x[i] = (x[i] - scaleOffset[j]) / scaleDivisor[j];
        }
    }
}
