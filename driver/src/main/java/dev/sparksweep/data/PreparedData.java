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
                           float[] testX, int[] testY, Encoding encoding, int rowsWithUnseen, double[] testTarget) {

    public PreparedData(DatasetLoader.Sources sources, Split split, Scaler scaler, TrainingData training,
                        float[] testX, int[] testY, Encoding encoding, int rowsWithUnseen) {
        this(sources, split, scaler, training, testX, testY, encoding, rowsWithUnseen, null);
    }

    /** @param spark used for every source but the built-in ones; may be null for those */
    public static PreparedData prepare(DataConfig cfg, SparkSession spark) {
        return prepare(DatasetLoader.load(cfg, spark), cfg);
    }

    public static PreparedData prepare(Dataset d, DataConfig cfg) {
        return prepare(new DatasetLoader.Sources(d, null, null, ReadAs.digits()), cfg);
    }

    public static PreparedData prepare(DatasetLoader.Sources sources, DataConfig cfg) {
        Dataset d = sources.main();
        Dataset v = sources.validation();
        Dataset t = sources.test();
        double[] target = cfg.regression() ? targets(d) : null;
        Split split;
        if (target == null) {
            checkSplit(d, cfg);
            split = Split.of(d.y(), d.numClasses(), cfg.split());
        } else {
            if (!Split.fillsEveryPart(d.rows(), cfg.split())) {
                throw new BadInputException("data.split: every part needs at least one row, but " + d.source()
                        + " has " + d.rows() + " rows, which the split " + fractions(cfg.split()) + " cannot share out");
            }
            int bins = cfg.split().stratify() ? Split.quantileBinCount(d.rows(), cfg.split()) : 1;
            split = Split.of(Split.quantileBins(target, bins), bins, cfg.split());
        }
        Encoding enc = Encoding.fit(d, split.train(), cfg.missing() == DataConfig.Missing.IMPUTE);
        int[] vRows = v == null ? split.validation() : all(v);
        int[] tRows = t == null ? split.test() : all(t);
        Dataset vSource = v == null ? d : v;
        Dataset tSource = t == null ? d : t;
        int w;
        Scaler scaler;
        float[] trainX;
        float[] valX;
        float[] testX;
        int unseen = 0;
        if (enc == null) {
            w = d.numFeatures();
            scaler = Scaler.fit(cfg.scale(), d.x(), split.train(), w);
            trainX = scaler.apply(d.x(), split.train(), w);
            valX = scaler.apply(vSource.x(), vRows, w);
            testX = scaler.apply(tSource.x(), tRows, w);
        } else {
            w = enc.width();
            for (Dataset part : new Dataset[] {d, v, t}) {
                if (part != null) {
                    enc.checkSize(part, "data.max_size_mb", cfg.maxSizeMb(), "raise data.max_size_mb, lower "
                            + "data.max_categories, or leave columns out with data.features");
                }
            }
            List<List<String>> codes = Encoding.categoriesOf(d);
            float[] encTrain = enc.apply(d.x(), split.train(), codes).x();
            Encoding.Encoded encVal = enc.apply(vSource.x(), vRows, codes);
            Encoding.Encoded encTest = enc.apply(tSource.x(), tRows, codes);
            int[] trainRows = all(encTrain.length / w);
            scaler = Scaler.fit(cfg.scale(), encTrain, trainRows, w, enc.numericInputs());
            trainX = scaler.apply(encTrain, trainRows, w);
            valX = scaler.apply(encVal.x(), all(encVal.x().length / w), w);
            testX = scaler.apply(encTest.x(), all(encTest.x().length / w), w);
            unseen = encVal.rowsWithUnseen() + encTest.rowsWithUnseen();
        }
        if (target == null) {
            TrainingData training = new TrainingData(trainX, labels(d.y(), split.train()), valX,
                    labels(vSource.y(), vRows), w, d.numClasses(),
                    weights(cfg, labels(d.y(), split.train()), d.numClasses()));
            return new PreparedData(sources, split, scaler, training, testX, labels(tSource.y(), tRows), enc, unseen);
        }
        double[] trainT = pick(target, split.train());
        double[] valT = v == null ? pick(target, vRows) : targets(v);
        double[] testT = t == null ? pick(target, tRows) : targets(t);
        TrainingData.Target standardised = standardise(d, cfg, trainT, valT);
        return new PreparedData(sources, split, scaler, TrainingData.regression(trainX, valX, w, standardised),
                testX, new int[testT.length], enc, unseen, testT);
    }

    public boolean regression() {
        return training.regression();
    }

    /** A regression's label values; refused when the source's labels are not numbers. */
    private static double[] targets(Dataset d) {
        double[] t = d.targetValues();
        if (t == null) {
            throw new BadInputException("data.task: regression needs a numeric label, but " + d.source()
                    + " has the classes " + d.labelNames().subList(0, Math.min(5, d.labelNames().size()))
                    + (d.labelNames().size() > 5 ? " ..." : ""));
        }
        return t;
    }

    /** The target standardised by the training split's mean and (population) standard deviation. */
    private static TrainingData.Target standardise(Dataset d, DataConfig cfg, double[] train, double[] val) {
        double mean = 0;
        for (double y : train) {
            mean += y;
        }
        mean /= train.length;
        double var = 0;
        for (double y : train) {
            var += (y - mean) * (y - mean);
        }
        double sd = Math.sqrt(var / train.length);
        if (!(sd > 0) || !Double.isFinite(sd)) {
            throw new BadInputException("data.label: a regression target must vary across the training split, but "
                    + d.source() + " has " + (Double.isFinite(sd) ? "the value " + train[0] + " in all "
                    + train.length + " training rows" : "values too large to standardise (standard deviation " + sd
                    + ")"));
        }
        return new TrainingData.Target(scaled(train, mean, sd), scaled(val, mean, sd), mean, sd);
    }

    private static float[] scaled(double[] t, double mean, double sd) {
        float[] out = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = (float) ((t[i] - mean) / sd);
        }
        return out;
    }

    private static double[] pick(double[] t, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = t[rows[i]];
        }
        return out;
    }

    private static String fractions(DataConfig.SplitConfig s) {
        return String.format(Locale.ROOT, "train %s / validation %s / test %s", s.train(), s.validation(), s.test());
    }

    private static float[] weights(DataConfig cfg, int[] trainY, int numClasses) {
        return cfg.classWeights() == DataConfig.ClassWeights.BALANCED
                ? TrainingData.balancedWeights(trainY, numClasses) : null;
    }

    /** Every part split from the main source must get rows; stratified, from every class. */
    private static void checkSplit(Dataset d, DataConfig cfg) {
        DataConfig.SplitConfig s = cfg.split();
        String fractions = fractions(s);
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
                + outputs() + "; split train " + training.trainRows()
                + " / validation " + training.valRows() + (sources.validation() != null ? " (data.validation)" : "")
                + " / test " + testY.length + (sources.test() != null ? " (data.test)" : "")
                + "; scale " + scaler.kind().name().toLowerCase(Locale.ROOT) + classWeights() + unseen;
    }

    /** "10 classes", or a regression's "a numeric target (training mean 12.5, sd 3.1)". */
    private String outputs() {
        if (!regression()) {
            return sources.main().numClasses() + " classes";
        }
        TrainingData.Target t = training.target();
        return String.format(Locale.ROOT, "a numeric target (training mean %.4g, sd %.4g; trained standardised)",
                t.mean(), t.scale());
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
