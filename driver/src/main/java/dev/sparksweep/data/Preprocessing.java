package dev.sparksweep.data;

import java.util.List;

/**
 * What {@code best/preprocessing.json} holds: everything {@code sweep predict} needs to turn new rows into the
 * winner's inputs and its outputs back into the user's class names.
 *
 * @param numFeatures the features read from a row (before encoding)
 * @param scaleOffset x_scaled = (x - scale_offset) / scale_divisor, per input (after encoding)
 * @param encoding the one-hot encoding and imputation applied before scaling, or null when there is none (and
 *     in runs from before it existed)
 * @param inputNames the network's inputs after encoding ("region=west"), or null without an encoding
 */
public record Preprocessing(String trial, String dataSource, ReadAs readAs, int numFeatures,
                            List<String> featureNames, List<String> labelNames, String scale, float[] scaleOffset,
                            float[] scaleDivisor, String rule, Encoding encoding, List<String> inputNames) {
    public static final String RULE = "x_scaled = (x - scale_offset) / scale_divisor, per feature";
    public static final String ENCODED_RULE = "inputs = encoding (one-hot categories, imputed medians) of the "
            + "features; x_scaled = (x - scale_offset) / scale_divisor, per input";

    public static Preprocessing of(String trial, PreparedData data) {
        Dataset d = data.dataset();
        return new Preprocessing(trial, d.source(), data.sources().readAs(), d.numFeatures(), d.featureNames(),
                d.labelNames(), data.scaler().kind().name().toLowerCase(java.util.Locale.ROOT),
                data.scaler().offset(), data.scaler().scale(), data.encoding() == null ? RULE : ENCODED_RULE,
                data.encoding(), data.encoding() == null ? null : data.encoding().inputNames(d.featureNames()));
    }

    /** Scales row-major inputs in place. */
    public void scale(float[] x) {
        int f = scaleOffset.length;
        for (int i = 0; i < x.length; i++) {
            int j = i % f;
            x[i] = (x[i] - scaleOffset[j]) / scaleDivisor[j];
        }
    }
}
