package dev.sparksweep.data;

import dev.sparksweep.config.DataConfig.Scaling;

/**
 * x' = (x - offset) / scale, per feature. Every scaling the config offers has this form, so predict needs only
 * these two vectors. Fitted on the training rows only.
 */
public record Scaler(Scaling kind, float[] offset, float[] scale) {

    public static Scaler fit(Scaling kind, float[] x, int[] rows, int f) {
        return fit(kind, x, rows, f, null);
    }

    /** @param scaled which features are scaled (the others, one-hot inputs, stay as they are); null for all */
    public static Scaler fit(Scaling kind, float[] x, int[] rows, int f, boolean[] scaled) {
        Scaler s = fitAll(kind, x, rows, f, scaled);
        for (int j = 0; scaled != null && j < f; j++) {
            if (!scaled[j]) {
                s.offset[j] = 0f;
                s.scale[j] = 1f;
            }
        }
        return s;
    }

    private static Scaler fitAll(Scaling kind, float[] x, int[] rows, int f, boolean[] scaled) {
        float[] offset = new float[f];
        float[] scale = new float[f];
        java.util.Arrays.fill(scale, 1f);
        switch (kind) {
            case NONE -> {
            }
            case MAX -> {
                float max = 0;
                for (int r : rows) {
                    for (int j = 0; j < f; j++) {
                        if (scaled == null || scaled[j]) {
                            max = Math.max(max, Math.abs(x[r * f + j]));
                        }
                    }
                }
                java.util.Arrays.fill(scale, max > 0 ? max : 1f);
            }
            case MINMAX -> {
                for (int j = 0; j < f; j++) {
                    float lo = Float.POSITIVE_INFINITY;
                    float hi = Float.NEGATIVE_INFINITY;
                    for (int r : rows) {
                        lo = Math.min(lo, x[r * f + j]);
                        hi = Math.max(hi, x[r * f + j]);
                    }
                    offset[j] = lo;
                    scale[j] = hi > lo ? hi - lo : 1f;
                }
            }
            case STANDARD -> {
                for (int j = 0; j < f; j++) {
                    double sum = 0;
                    double sq = 0;
                    for (int r : rows) {
                        sum += x[r * f + j];
                    }
                    double mean = sum / rows.length;
                    for (int r : rows) {
                        double d = x[r * f + j] - mean;
                        sq += d * d;
                    }
                    double sd = Math.sqrt(sq / rows.length);
                    offset[j] = (float) mean;
                    scale[j] = sd > 0 ? (float) sd : 1f;
                }
            }
        }
        return new Scaler(kind, offset, scale);
    }

    /** The given rows of {@code x}, scaled, as a new row-major array. */
    public float[] apply(float[] x, int[] rows, int f) {
        float[] out = new float[rows.length * f];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < f; j++) {
                out[i * f + j] = (x[rows[i] * f + j] - offset[j]) / scale[j];
            }
        }
        return out;
    }
}
