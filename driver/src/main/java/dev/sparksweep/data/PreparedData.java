package dev.sparksweep.data;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.DataConfig;
import dev.sparksweep.worker.TrainingData;
import java.util.List;
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
                           float[] testX, int[] testY, Encoding encoding, int rowsWithUnseen) {

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
        Encoding enc = Encoding.fit(d, split.train(), cfg.missing() == DataConfig.Missing.IMPUTE);
        Dataset v = sources.validation();
        Dataset t = sources.test();
        if (enc == null) {
            int f = d.numFeatures();
            Scaler scaler = Scaler.fit(cfg.scale(), d.x(), split.train(), f);
            TrainingData training = new TrainingData(
                    scaler.apply(d.x(), split.train(), f), labels(d.y(), split.train()),
                    v == null ? scaler.apply(d.x(), split.validation(), f) : scaler.apply(v.x(), all(v), f),
                    v == null ? labels(d.y(), split.validation()) : v.y(),
                    f, d.numClasses(), weights(cfg, labels(d.y(), split.train()), d.numClasses()));
            return new PreparedData(sources, split, scaler,
                    training, t == null ? scaler.apply(d.x(), split.test(), f) : scaler.apply(t.x(), all(t), f),
                    t == null ? labels(d.y(), split.test()) : t.y(), null, 0);
        }
        int w = enc.width();
        for (Dataset part : new Dataset[] {d, v, t}) {
            if (part != null) {
                enc.checkSize(part, "data.max_size_mb", cfg.maxSizeMb(), "raise data.max_size_mb, lower "
                        + "data.max_categories, or leave columns out with data.features");
            }
        }
        List<List<String>> codes = Encoding.categoriesOf(d);
        float[] trainX = enc.apply(d.x(), split.train(), codes).x();
        Encoding.Encoded valX = v == null ? enc.apply(d.x(), split.validation(), codes)
                : enc.apply(v.x(), all(v), codes);
        Encoding.Encoded testX = t == null ? enc.apply(d.x(), split.test(), codes) : enc.apply(t.x(), all(t), codes);
        int[] trainRows = all(trainX.length / w);
        Scaler scaler = Scaler.fit(cfg.scale(), trainX, trainRows, w, enc.numericInputs());
        TrainingData training = new TrainingData(
                scaler.apply(trainX, trainRows, w), labels(d.y(), split.train()),
                scaler.apply(valX.x(), all(valX.x().length / w), w),
                v == null ? labels(d.y(), split.validation()) : v.y(), w, d.numClasses(),
                weights(cfg, labels(d.y(), split.train()), d.numClasses()));
        return new PreparedData(sources, split, scaler, training,
                scaler.apply(testX.x(), all(testX.x().length / w), w),
                t == null ? labels(d.y(), split.test()) : t.y(), enc,
                valX.rowsWithUnseen() + testX.rowsWithUnseen());
    }

    private static float[] weights(DataConfig cfg, int[] trainY, int numClasses) {
        return cfg.classWeights() == DataConfig.ClassWeights.BALANCED
                ? TrainingData.balancedWeights(trainY, numClasses) : null;
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
        return all(d.rows());
    }

    private static int[] all(int n) {
        int[] rows = new int[n];
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

    /** "one-hot: plan (3), region (6); missing cells imputed". */
    private static String encoded(Encoding e) {
        List<String> parts = new java.util.ArrayList<>();
        List<Encoding.OneHot> shown = e.oneHot().size() <= 6 ? e.oneHot() : e.oneHot().subList(0, 6);
        if (!shown.isEmpty()) {
            parts.add("one-hot: " + String.join(", ", shown.stream().map(o -> o.column() + " (" + o.width() + ")")
                    .toList())
                    + (e.oneHot().size() > 6 ? ", ... " + (e.oneHot().size() - 6) + " more" : ""));
        }
        if (e.impute()) {
            parts.add("missing cells imputed");
        }
        return String.join("; ", parts);
    }

    public String summary() {
        Dataset d = sources.main();
        String why = encoding != null && encoding.impute() ? "without a label" : "with missing values";
        String dropped = d.dropped() > 0 ? " (" + d.dropped() + " rows " + why + " left out)" : "";
        String inputs = encoding == null ? d.numFeatures() + " features"
                : d.numFeatures() + " features -> " + encoding.width() + " inputs (" + encoded(encoding) + ")";
        String unseen = rowsWithUnseen > 0 ? "; " + rowsWithUnseen + " validation/test rows with a category "
                + "training never saw (encoded as all zeros; an empty cell counts where training had none)" : "";
        return d.source() + ": " + d.rows() + " rows" + dropped + ", " + inputs + ", "
                + d.numClasses() + " classes; split train " + training.trainRows()
                + " / validation " + training.valRows() + (sources.validation() != null ? " (data.validation)" : "")
                + " / test " + testY.length + (sources.test() != null ? " (data.test)" : "")
                + "; scale " + scaler.kind().name().toLowerCase(Locale.ROOT) + classWeights() + unseen;
    }

    /** "; class weights balanced (no 0.56, yes 5.00)", or nothing without them. */
    private String classWeights() {
        float[] w = training.classWeights();
        if (w == null) {
            return "";
        }
        List<String> names = sources.main().labelNames();
        List<String> parts = new java.util.ArrayList<>();
        for (int k = 0; k < w.length; k++) {
            parts.add(names.get(k) + " " + String.format(Locale.ROOT, "%.2f", w[k]));
        }
        return "; class weights balanced (" + String.join(", ", parts) + ")";
    }
}
