package dev.sparksweep.data;

import dev.sparksweep.common.Sha256;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.DataConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;

/** Loads the sources named in the config: the main one, and the validation and test sources when given. */
public final class DatasetLoader {
    public static final String DIGITS_RESOURCE = "/dev/sparksweep/data/digits.csv.gz";
    static final int DIGITS_FEATURES = 64;

    private DatasetLoader() {
    }

    /**
     * @param validation rows of {@code data.validation}, or null when they are split from the main source
     * @param test rows of {@code data.test}, or null when they are split from the main source
     */
    public record Sources(Dataset main, Dataset validation, Dataset test, ReadAs readAs) {

        /** One hash over every source, for provenance and resume. */
        public String sha256() {
            if (validation == null && test == null) {
                return main.sha256();
            }
            return Sha256.hex(main.sha256() + (validation == null ? "" : validation.sha256())
                    + (test == null ? "" : test.sha256()));
        }
    }

    /** @param spark used for every source but the built-in ones; may be null for those */
    public static Sources load(DataConfig cfg, SparkSession spark) {
        if (cfg.builtin()) {
            return new Sources(digits(), null, null, ReadAs.digits());
        }
        boolean drop = cfg.missing() == DataConfig.Missing.DROP;
        Table table = SourceReader.read(spark, "data.source", cfg.source(), cfg.csv(), cfg.numFeatures());
        Map<Integer, List<String>> categories = ColumnPlan.categories(table, cfg.label(), cfg.features(),
                cfg.categorical(), cfg.maxCategories());
        RowParser parser = numeric(cfg, ColumnPlan.plan(table, cfg.label(), cfg.features(), true, drop, null,
                categories, impute(cfg)));
        Dataset main = TableLoader.load(table, parser, cfg.maxSizeMb(), null);
        Dataset validation = cfg.validation() == null ? null
                : extra(spark, "data.validation", cfg.validation(), cfg, table, main, drop, categories);
        Dataset test = cfg.test() == null ? null
                : extra(spark, "data.test", cfg.test(), cfg, table, main, drop, categories);
        return new Sources(main, validation, test, ReadAs.of(table, parser, cfg.csv()));
    }

    private static RowParser numeric(DataConfig cfg, RowParser parser) {
        return cfg.regression() ? parser.numeric() : parser;
    }

    private static boolean impute(DataConfig cfg) {
        return cfg.missing() == DataConfig.Missing.IMPUTE;
    }

    /** Read with the main source's categories, so that codes mean the same in every source. */
    private static Dataset extra(SparkSession spark, String key, String source, DataConfig cfg, Table mainTable,
                                 Dataset main, boolean drop, Map<Integer, List<String>> categories) {
        Integer numFeatures = DataConfig.kind(source).equals("libsvm") ? main.numFeatures() : null;
        Table t = SourceReader.read(spark, key, source, cfg.csv(), numFeatures);
        if (!t.columns().equals(mainTable.columns()) || !t.types().equals(mainTable.types())) {
            throw new BadInputException(t.where() + "must have the same columns as data.source ("
                    + describe(mainTable) + "), but has (" + describe(t) + ")");
        }
        RowParser parser = numeric(cfg, ColumnPlan.plan(t, cfg.label(), cfg.features(), true, drop,
                new HashSet<>(main.labelNames()), categories, impute(cfg)));
        return TableLoader.load(t, parser, cfg.maxSizeMb(), main.labelNames());
    }

    private static String describe(Table t) {
        if (!t.named()) {
            return t.columns().size() + " columns";
        }
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            cols.add(t.columns().get(i) + " " + t.types().get(i).simpleString());
        }
        return String.join(", ", cols);
    }

    /** The lesson's 8x8 digits: 1797 rows, 64 pixels valued 0..16, then the label 0..9; no header. */
    public static Dataset digits() {
        byte[] gz;
        try (InputStream in = DatasetLoader.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in digits resource is missing from the classpath");
            }
            gz = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        int f = DIGITS_FEATURES;
        float[] x = new float[lines.size() * f];
        int[] y = new int[lines.size()];
        TreeSet<Integer> labels = new TreeSet<>();
        for (int r = 0; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",");
            for (int j = 0; j < f; j++) {
                x[r * f + j] = Float.parseFloat(cells[j]);
            }
            y[r] = Integer.parseInt(cells[f].trim());
            labels.add(y[r]);
        }
        List<String> names = new ArrayList<>();
        labels.forEach(l -> names.add(String.valueOf(l)));
        List<String> features = new ArrayList<>();
        for (int j = 0; j < f; j++) {
            features.add("column " + j);
        }
        return new Dataset("builtin:digits", x, y, f, names, features, Sha256.hex(gz), 0);
    }
}
