package dev.sparksweep.data;

import dev.sparksweep.config.DataConfig;
import dev.sparksweep.worker.TrainingData;

/**
 * The data of a search after splitting and scaling. {@code training} goes to the executors; the test rows stay
 * on the driver until the winner is evaluated.
 */
public record PreparedData(Dataset dataset, Split split, Scaler scaler, TrainingData training, float[] testX,
                           int[] testY) {

    public static PreparedData prepare(DataConfig cfg) {
        return prepare(DatasetLoader.load(cfg.source()), cfg);
    }

    public static PreparedData prepare(Dataset d, DataConfig cfg) {
        Split split = Split.of(d.y(), d.numClasses(), cfg.split());
        int f = d.numFeatures();
        Scaler scaler = Scaler.fit(cfg.scale(), d.x(), split.train(), f);
        TrainingData training = new TrainingData(
                scaler.apply(d.x(), split.train(), f), labels(d.y(), split.train()),
                scaler.apply(d.x(), split.validation(), f), labels(d.y(), split.validation()),
                f, d.numClasses());
        return new PreparedData(d, split, scaler, training, scaler.apply(d.x(), split.test(), f),
                labels(d.y(), split.test()));
    }

    private static int[] labels(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    public String summary() {
        return dataset.source() + ": " + dataset.rows() + " rows, " + dataset.numFeatures() + " features, "
                + dataset.numClasses() + " classes; split train " + split.train().length + " / validation "
                + split.validation().length + " / test " + split.test().length + "; scale "
                + scaler.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
}
