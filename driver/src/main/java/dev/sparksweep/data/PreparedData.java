package dev.sparksweep.data;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.DataConfig;
import dev.sparksweep.worker.TrainingData;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The data of a search after splitting and scaling. {@code training} goes to the executors; the test rows stay
 * on the driver until the winner is evaluated.
 *
 * @param sources the rows as loaded
 * @param split row indices into {@code sources.main()}; a part read from its own source is empty here
 */
public record PreparedData(DatasetLoader.Sources sources, Split split, Scaler scaler, TrainingData training,
                           float[] testX, int[] testY) {

    /** @param spark used for every source but the built-in ones; may be null for those */
    public static PreparedData prepare(DataConfig cfg, SparkSession spark) {
        return prepare(DatasetLoader.load(cfg, spark), cfg);
    }

    public static PreparedData prepare(Dataset d, DataConfig cfg) {
        return prepare(new DatasetLoader.Sources(d, null, null, ReadAs.digits()), cfg);
    }

    public static PreparedData prepare(DatasetLoader.Sources sources, DataConfig cfg) {
        Dataset d = sources.main();
        checkSplit(d, cfg);
        Split split = Split.of(d.y(), d.numClasses(), cfg.split());
        int f = d.numFeatures();
        Scaler scaler = Scaler.fit(cfg.scale(), d.x(), split.train(), f);
        Dataset v = sources.validation();
        Dataset t = sources.test();
        TrainingData training = new TrainingData(
                scaler.apply(d.x(), split.train(), f), labels(d.y(), split.train()),
                v == null ? scaler.apply(d.x(), split.validation(), f) : scaler.apply(v.x(), all(v), f),
                v == null ? labels(d.y(), split.validation()) : v.y(),
                f, d.numClasses());
        return new PreparedData(sources, split, scaler,
                training, t == null ? scaler.apply(d.x(), split.test(), f) : scaler.apply(t.x(), all(t), f),
                t == null ? labels(d.y(), split.test()) : t.y());
    }

    /** Every part split from the main source must get rows; stratified, from every class. */
    private static void checkSplit(Dataset d, DataConfig cfg) {
        DataConfig.SplitConfig s = cfg.split();
        String fractions = String.format(Locale.ROOT, "train %s / validation %s / test %s", s.train(),
                s.validation(), s.test());
        if (s.stratify()) {
            long[] counts = d.classCounts();
            for (int k = 0; k < counts.length; k++) {
                if (!Split.fillsEveryPart(counts[k], s)) {
                    throw new BadInputException("data.label: class \"" + d.labelNames().get(k) + "\" of " + d.source()
                            + " has " + counts[k] + (counts[k] == 1 ? " row" : " rows") + ", but the stratified split "
                            + fractions + " needs at least " + Split.leastPerClass(s) + " rows per class (add rows, "
                            + "or set data.split.stratify: false)");
                }
            }
        } else if (!Split.fillsEveryPart(d.rows(), s)) {
            throw new BadInputException("data.split: every part needs at least one row, but " + d.source() + " has "
                    + d.rows() + " rows, which the split " + fractions + " cannot share out");
        }
    }

    private static int[] all(Dataset d) {
        int[] rows = new int[d.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return rows;
    }

    private static int[] labels(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    public Dataset dataset() {
        return sources.main();
    }

    public String summary() {
        Dataset d = sources.main();
        String dropped = d.dropped() > 0 ? " (" + d.dropped() + " rows with missing values left out)" : "";
        return d.source() + ": " + d.rows() + " rows" + dropped + ", " + d.numFeatures() + " features, "
                + d.numClasses() + " classes; split train " + training.trainRows()
                + " / validation " + training.valRows() + (sources.validation() != null ? " (data.validation)" : "")
                + " / test " + testY.length + (sources.test() != null ? " (data.test)" : "")
                + "; scale " + scaler.kind().name().toLowerCase(Locale.ROOT);
    }
}
