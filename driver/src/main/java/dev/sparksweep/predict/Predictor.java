package dev.sparksweep.predict;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.DataConfig;
import dev.sparksweep.data.ColumnPlan;
import dev.sparksweep.data.Dataset;
import dev.sparksweep.data.Encoding;
import dev.sparksweep.data.Preprocessing;
import dev.sparksweep.data.ReadAs;
import dev.sparksweep.data.RowParser;
import dev.sparksweep.data.SourceReader;
import dev.sparksweep.data.Table;
import dev.sparksweep.data.TableLoader;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.spark.SparkContexts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code sweep predict}: the winner of a finished run, with its saved preprocessing, applied to new rows; the
 * lesson's {@code predict} and {@code predict_classes} for a saved model.
 */
public final class Predictor {
    static final int BATCH = 4096;

    /**
     * @param labelled rows whose input carries a label the run knows
     * @param correct of those, predicted right; accuracy = correct / labelled
     */
    public record Summary(String input, String trial, int rows, int labelled, int correct, int rowsWithUnseen,
                          boolean regression, double squaredError, double absoluteError) {
        public Summary(String input, String trial, int rows, int labelled, int correct, int rowsWithUnseen) {
            this(input, trial, rows, labelled, correct, rowsWithUnseen, false, 0, 0);
        }

        public double accuracy() {
            return labelled == 0 || regression ? Double.NaN : correct / (double) labelled;
        }

        /** A regression's RMSE over the rows with a known label, in the target's units. */
        public double rmse() {
            return labelled == 0 || !regression ? Double.NaN : Math.sqrt(squaredError / labelled);
        }

        public double mae() {
            return labelled == 0 || !regression ? Double.NaN : absoluteError / labelled;
        }
    }

    private Predictor() {
    }

    /** As below, with a short-lived Spark context to read the input ({@code master} null: local[*]). */
    public static Summary predict(String master, RunDirectory runDir, String input, boolean probabilities,
                                  PrintWriter out) {
        Preprocessing prep = preprocessing(runDir);
        var sc = SparkContexts.create("sparksweep predict", master, "local[*]");
        try {
            return predict(SparkContexts.session(sc), runDir, prep, input, probabilities, out);
        } finally {
            sc.stop();
        }
    }

    /** The saved preprocessing of a run's winner; a clear error when the run has none. */
    public static Preprocessing preprocessing(RunDirectory dir) {
        RunDirectory runDir = dir;
        if (!dir.exists()) {
            throw new BadInputException("--run: " + runDir + ": is not a run directory (no such directory)");
        }
        if (!dir.has(RunDirectory.BEST_MODEL)) {
            throw new BadInputException("--run: " + runDir + ": has no " + RunDirectory.BEST_MODEL + " (the run has "
                    + "no winner yet; finish it with sweep run --resume)");
        }
        Preprocessing prep;
        try {
            prep = dir.preprocessing();
        } catch (BadInputException e) {
            throw new BadInputException("--run: " + e.getMessage());
        }
        if (prep == null) {
            throw new BadInputException("--run: " + runDir + ": has no " + RunDirectory.PREPROCESSING);
        }
        return prep;
    }

    /**
     * Reads {@code input} as the run read its data (or as its {@code csv:}/{@code parquet:}/{@code libsvm:} prefix
     * says), checks its columns, and writes one prediction per row to {@code out}.
     */
    static Summary predict(SparkSession spark, RunDirectory runDir, Preprocessing prep, String input, boolean probabilities,
                           PrintWriter out) {
        ReadAs as = prep.readAs();
        String source = input.matches("(csv|parquet|libsvm):.*") ? input : as.format() + ":" + input;
        String kind = DataConfig.kind(source);
        Table t = SourceReader.read(spark, "--input", source, as.csv(),
                kind.equals("libsvm") ? prep.numFeatures() : null);
        if (probabilities && prep.regression()) {
            throw new BadInputException("--probabilities: applies to classification runs only, but the run "
                    + runDir + " predicts the number " + prep.target().column() + " (data.task: regression)");
        }
        RowParser parser = columns(t, as, prep, kind);
        if (prep.regression()) {
            parser = parser.numeric();
        }
        Dataset d = TableLoader.load(t, parser, DataConfig.DEFAULT_MAX_SIZE_MB, prep.labelNames());
        if (d.numFeatures() != prep.numFeatures()) {
            throw new BadInputException(t.where() + "feature count mismatch: the run was trained on "
                    + prep.numFeatures() + " features, but the input has " + d.numFeatures());
        }
        float[] x = d.x();
        Encoding enc = prep.encoding();
        int unseen = 0;
        if (enc != null) {
            enc.checkSize(d, "--input", DataConfig.DEFAULT_MAX_SIZE_MB, "split the input into smaller files");
            Encoding.Encoded e = enc.apply(x, all(d.rows()), enc.ownCategories());
            x = e.x();
            unseen = e.rowsWithUnseen();
        }
        prep.scale(x);
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(new java.io.ByteArrayInputStream(
                    runDir.read(RunDirectory.BEST_MODEL)), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean hasLabel = parser.label() != null;
        List<String> header = new ArrayList<>(List.of("row", "prediction"));
        if (hasLabel) {
            header.add("label");
        }
        if (probabilities) {
            prep.labelNames().forEach(n -> header.add("p_" + n));
        }
        out.println(String.join(",", header.stream().map(Predictor::csvCell).toList()));
        int f = prep.scaleOffset().length;
        int k = prep.labelNames().size();
        int labelled = 0;
        int correct = 0;
        double squared = 0;
        double absolute = 0;
        for (int start = 0; start < d.rows(); start += BATCH) {
            int n = Math.min(BATCH, d.rows() - start);
            float[] batch = java.util.Arrays.copyOfRange(x, start * f, (start + n) * f);
            INDArray p = net.output(Nd4j.create(batch, new long[] {n, f}, 'c'), false);
            float[] probs = p.dup('c').data().asFloat();
            if (prep.regression()) {
                for (int i = 0; i < n; i++) {
                    double value = prep.target().value(probs[i]);
                    StringBuilder line = new StringBuilder().append(start + i + 1).append(',')
                            .append(number(value));
                    if (hasLabel) {
                        double y = d.target()[start + i];
                        line.append(',').append(Double.isNaN(y) ? "" : number(y));
                        if (!Double.isNaN(y)) {
                            labelled++;
                            squared += (value - y) * (value - y);
                            absolute += Math.abs(value - y);
                        }
                    }
                    out.println(line);
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (probs[i * k + c] > probs[i * k + best]) {
                        best = c;
                    }
                }
                int y = d.y()[start + i];
                StringBuilder line = new StringBuilder().append(start + i + 1).append(',')
                        .append(csvCell(prep.labelNames().get(best)));
                if (hasLabel) {
                    line.append(',').append(y < 0 ? "" : csvCell(prep.labelNames().get(y)));
                    if (y >= 0) {
                        labelled++;
                        correct += y == best ? 1 : 0;
                    }
                }
                if (probabilities) {
                    for (int c = 0; c < k; c++) {
                        line.append(',').append(String.format(Locale.ROOT, "%.6f", probs[i * k + c]));
                    }
                }
                out.println(line);
            }
        }
        out.flush();
        return new Summary(t.source(), prep.trial(), d.rows(), labelled, correct, unseen, prep.regression(), squared,
                absolute);
    }

    /** A predicted or known value: its shortest float text, 6 significant digits past that. */
    private static String number(double v) {
        String shortest = String.valueOf((float) v);
        return shortest.contains("E") ? String.format(Locale.ROOT, "%.6g", v) : shortest;
    }

    /**
     * The run's feature columns, found in the input: by name when both have names; by position otherwise, where
     * the input may leave out the label column.
     */
    private static RowParser columns(Table t, ReadAs as, Preprocessing prep, String kind) {
        Map<Integer, List<String>> cats = prep.encoding() == null ? Map.of() : prep.encoding().readCategories();
        boolean impute = prep.encoding() != null && prep.encoding().impute();
        if (kind.equals("libsvm")) {
            return ColumnPlan.plan(t, "label", List.of("features"), false, false, null, cats, impute);
        }
        boolean runNamed = !as.format().equals("csv") || as.header();
        if (runNamed && t.named()) {
            List<String> missing = as.featureColumns().stream().filter(c -> !t.columns().contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new BadInputException(t.where() + "feature count mismatch: the run was trained on "
                        + prep.numFeatures() + " features (" + String.join(", ", as.featureColumns())
                        + "), but the input lacks " + String.join(", ", missing));
            }
            String label = as.labelColumn() != null && t.columns().contains(as.labelColumn()) ? as.labelColumn()
                    : null;
            return ColumnPlan.plan(t, label == null ? ColumnPlan.NO_LABEL : label, as.featureColumns(), false, false,
                    null, cats, impute);
        }
        int n = t.columns().size();
        int features = as.featureColumns().size();
        if (n == features + 1 && as.labelColumn() != null) {
            return ColumnPlan.plan(t, as.labelColumn(), as.featureColumns(), false, false, null, cats, impute);
        }
        if (n == features) {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(String.valueOf(i));
            }
            return ColumnPlan.plan(t, ColumnPlan.NO_LABEL, all, false, false, null, cats, impute);
        }
        throw new BadInputException(t.where() + "feature count mismatch: the run was trained on " + features
                + " features (" + (features + 1) + " columns with the label), but the input has " + n + " columns");
    }

    private static int[] all(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** "predicted 360 rows ...; accuracy 0.9667 on 360 rows with a known label". */
    public static String describe(Summary s, String to) {
        String acc = s.labelled() == 0 ? "" : s.regression()
                ? String.format(Locale.ROOT, "; RMSE %.4g, MAE %.4g on %d rows with a known value", s.rmse(), s.mae(),
                        s.labelled())
                : String.format(Locale.ROOT, "; accuracy %.4f on %d rows with a known label", s.accuracy(),
                        s.labelled());
        String unseen = s.rowsWithUnseen() == 0 ? "" : "; " + s.rowsWithUnseen()
                + (s.rowsWithUnseen() == 1 ? " row" : " rows") + " with a category the training split never saw "
                + "(encoded as all zeros; an empty cell counts where training had none)";
        return "predicted " + s.rows() + " rows of " + s.input() + " with trial " + s.trial() + " -> " + to + acc
                + unseen;
    }
}
