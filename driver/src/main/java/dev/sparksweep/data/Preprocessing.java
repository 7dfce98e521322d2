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
 * @param target a regression's target scaling: value = mean + scale x output; null for classification
 */
public record Preprocessing(String trial, String dataSource, ReadAs readAs, int numFeatures,
                            List<String> featureNames, List<String> labelNames, String scale, float[] scaleOffset,
                            float[] scaleDivisor, String rule, Encoding encoding, List<String> inputNames,
                            @com.fasterxml.jackson.annotation.JsonInclude(
                                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Target target) {

    /** How a regression's output becomes a value in the target's units: {@code mean + scale * output}. */
    public record Target(String column, double mean, double scale) {
        public double value(float output) {
            return mean + scale * output;
        }
    }

    public Preprocessing(String trial, String dataSource, ReadAs readAs, int numFeatures,
                         List<String> featureNames, List<String> labelNames, String scale, float[] scaleOffset,
                         float[] scaleDivisor, String rule, Encoding encoding, List<String> inputNames) {
        this(trial, dataSource, readAs, numFeatures, featureNames, labelNames, scale, scaleOffset, scaleDivisor, rule,
                encoding, inputNames, null);
    }

    public boolean regression() {
        return target != null;
    }
    public static final String RULE = "x_scaled = (x - scale_offset) / scale_divisor, per feature";
    public static final String ENCODED_RULE = "inputs = encoding (one-hot categories, imputed medians) of the "
            + "features; x_scaled = (x - scale_offset) / scale_divisor, per input";

    public static Preprocessing of(String trial, PreparedData data) {
        Dataset d = data.dataset();
        return new Preprocessing(trial, d.source(), data.sources().readAs(), d.numFeatures(), d.featureNames(),
                d.labelNames(), data.scaler().kind().name().toLowerCase(java.util.Locale.ROOT),
                data.scaler().offset(), data.scaler().scale(), data.encoding() == null ? RULE : ENCODED_RULE,
                data.encoding(), data.encoding() == null ? null : data.encoding().inputNames(d.featureNames()),
                data.regression() ? new Target(data.sources().readAs().labelColumn(), data.training().target().mean(),
                        data.training().target().scale()) : null);
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
