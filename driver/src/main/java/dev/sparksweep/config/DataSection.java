package dev.sparksweep.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.config.DataConfig.Scaling;
import dev.sparksweep.config.DataConfig.SplitConfig;
import dev.sparksweep.space.Hyperparameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses {@code data:} into a DataConfig: the sources, how they are read, split and scaled. */
final class DataSection {
    private static final Set<String> BUILTIN = Set.of("digits");

    private final Section s;
    private final Path baseDir;

    private DataSection(Section s, Path baseDir) {
        this.s = s;
        this.baseDir = baseDir;
    }

    /** Relative paths are resolved against {@code baseDir}, the config file's directory. */
    static DataConfig parse(Section s, Path baseDir) {
        return new DataSection(s, baseDir).parse();
    }

    private DataConfig parse() {
        s.allow("source", "label", "features", "header", "delimiter", "num_features", "missing", "validation",
                "test", "split", "scale", "max_size_mb", "categorical", "max_categories",
                "class_weights", "task");
        String source = s.requiredString("source");
        String kind = checkSource("data.source", source);
        for (String k : List.of("header", "delimiter")) {
            if (s.has(k) && !kind.equals("csv")) {
                throw s.fail("data." + k, "applies to csv sources only", "source " + Hyperparameter.show(source));
            }
        }
        if (s.has("num_features") && !kind.equals("libsvm")) {
            throw s.fail("data.num_features", "applies to libsvm sources only",
                    "source " + Hyperparameter.show(source));
        }
        String label = s.has("label") ? s.string("label", null) : null;
        if (label != null && kind.equals("libsvm")) {
            throw s.fail("data.label", "cannot be set for libsvm sources (the label is the first item of each line)",
                    Hyperparameter.show(label));
        }
        if (label != null && kind.equals("builtin") && !label.equals("label") && !label.equals("64")) {
            throw s.fail("data.label", "must be label (or 64) for builtin:digits", Hyperparameter.show(label));
        }
        List<String> features = features(kind, label);
        DataConfig.CsvOptions csv = new DataConfig.CsvOptions(s.bool("header", true), delimiter());
        Integer numFeatures = s.has("num_features") ? s.positiveInt("num_features") : null;
        String validation = extraSource("validation", kind);
        String test = extraSource("test", kind);
        SplitConfig split = split(s.section("split"), validation != null, test != null);
        Scaling scale = s.enumeration("scale", Scaling.class, Scaling.MAX);
        DataConfig.Missing missing = s.enumeration("missing", DataConfig.Missing.class, DataConfig.Missing.ERROR);
        long maxSizeMb = s.has("max_size_mb") ? s.positiveInt("max_size_mb") : DataConfig.DEFAULT_MAX_SIZE_MB;
        DataConfig.Categorical categorical = categorical(kind, label, features);
        int maxCategories = s.has("max_categories") ? s.positiveInt("max_categories")
                : DataConfig.DEFAULT_MAX_CATEGORIES;
        DataConfig.ClassWeights classWeights = s.enumeration("class_weights", DataConfig.ClassWeights.class,
                DataConfig.ClassWeights.NONE);
        DataConfig.Task task = s.enumeration("task", DataConfig.Task.class, DataConfig.Task.CLASSIFICATION);
        if (task == DataConfig.Task.REGRESSION && classWeights != DataConfig.ClassWeights.NONE) {
            throw s.fail("data.class_weights", "applies to data.task: classification only",
                    "class_weights " + classWeights.name().toLowerCase(java.util.Locale.ROOT)
                            + " with data.task: regression");
        }
        return new DataConfig(resolve(source), label, split, scale, csv, numFeatures, features, missing,
                validation == null ? null : resolve(validation), test == null ? null : resolve(test), maxSizeMb,
                categorical, maxCategories, classWeights, task);
    }

    /** auto | none | a list of feature columns (csv and parquet only; never the label). */
    private DataConfig.Categorical categorical(String kind, String label, List<String> features) {
        if (!s.has("categorical")) {
            return DataConfig.Categorical.AUTO;
        }
        JsonNode v = s.node.get("categorical");
        if (v.isTextual() && v.asText().equals("auto")) {
            return DataConfig.Categorical.AUTO;
        }
        if (v.isTextual() && v.asText().equals("none")) {
            return DataConfig.Categorical.NONE;
        }
        if (!v.isArray() || v.isEmpty()) {
            throw s.fail("data.categorical", "must be auto, none or a non-empty list of feature columns",
                    Section.show(v));
        }
        if (!kind.equals("csv") && !kind.equals("parquet")) {
            throw s.fail("data.categorical", "a list of columns applies to csv and parquet sources only", "source "
                    + Hyperparameter.show(s.node.get("source").asText()));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isValueNode() || e.isNull() || e.isBoolean() || e.asText().isBlank()) {
                throw s.fail("data.categorical", "must be a list of column names or 0-based indices", Section.show(v));
            }
            if (out.contains(e.asText())) {
                throw s.fail("data.categorical", "must not name a column twice", Section.show(e));
            }
            if (e.asText().equals(label)) {
                throw s.fail("data.categorical", "must not include the label column", Hyperparameter.show(label));
            }
            // A name and an index can mean the same column; ColumnPlan checks those against the table's header.
            if (!features.isEmpty() && isName(e.asText()) && features.stream().allMatch(DataSection::isName)
                    && !features.contains(e.asText())) {
                throw s.fail("data.categorical", "must name columns of data.features (" + String.join(", ", features)
                        + ")", Hyperparameter.show(e.asText()));
            }
            out.add(e.asText());
        }
        return new DataConfig.Categorical(DataConfig.Categorical.Mode.LIST, out);
    }

    private static boolean isName(String column) {
        return !column.matches("\\d+");
    }

    /** A relative path without a scheme is relative to the config file's directory, wherever sweep runs from. */
    private String resolve(String source) {
        String kind = DataConfig.kind(source);
        String path = DataConfig.location(source);
        if (kind.equals("builtin") || path.isBlank() || path.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")
                || Path.of(path).isAbsolute()) {
            return source;
        }
        return kind + ":" + baseDir.resolve(path).normalize();
    }

    private String checkSource(String key, String source) {
        String kind = DataConfig.kind(source);
        String rest = DataConfig.location(source);
        switch (kind) {
            case "builtin" -> {
                if (!BUILTIN.contains(rest)) {
                    throw s.fail(key, "the built-in data sets are " + String.join(", ", BUILTIN),
                            Hyperparameter.show(source));
                }
            }
            case "csv", "libsvm", "parquet" -> {
                if (rest.isBlank()) {
                    throw s.fail(key, "needs a path after " + kind + ":", Hyperparameter.show(source));
                }
            }
            default -> throw s.fail(key, "must be builtin:NAME, csv:PATH, libsvm:PATH or parquet:PATH",
                    Hyperparameter.show(source));
        }
        return kind;
    }

    private List<String> features(String kind, String label) {
        if (!s.has("features")) {
            return List.of();
        }
        if (!kind.equals("csv") && !kind.equals("parquet")) {
            throw s.fail("data.features", "applies to csv and parquet sources only", "source "
                    + Hyperparameter.show(s.node.get("source").asText()));
        }
        JsonNode v = s.node.get("features");
        List<String> out = new ArrayList<>();
        if (v.isTextual() && !v.asText().isBlank()) {
            out.add(v.asText());
        } else if (v.isArray() && !v.isEmpty()) {
            for (JsonNode e : v) {
                if (!e.isValueNode() || e.isNull() || e.isBoolean() || e.asText().isBlank()) {
                    throw s.fail("data.features", "must be a list of column names or 0-based indices",
                            Section.show(v));
                }
                if (out.contains(e.asText())) {
                    throw s.fail("data.features", "must not name a column twice", Section.show(e));
                }
                out.add(e.asText());
            }
        } else {
            throw s.fail("data.features", "must be a column name or a non-empty list of columns", Section.show(v));
        }
        if (label != null && out.contains(label)) {
            throw s.fail("data.features", "must not include the label column", Hyperparameter.show(label));
        }
        return out;
    }

    private String delimiter() {
        String d = s.string("delimiter", ",");
        if (d.length() != 1) {
            throw s.fail("data.delimiter", "must be one character (write a tab as \"\\t\")", Hyperparameter.show(d));
        }
        return d;
    }

    private String extraSource(String key, String kind) {
        if (!s.has(key)) {
            return null;
        }
        String path = "data." + key;
        JsonNode v = s.node.get(key);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw s.fail(path, "must be a source such as csv:PATH", Section.show(v));
        }
        String other = v.asText();
        String otherKind = checkSource(path, other);
        if (kind.equals("builtin") || !otherKind.equals(kind)) {
            throw s.fail(path, "must be the same kind of source as data.source (" + kind + ")",
                    Hyperparameter.show(other));
        }
        return other;
    }

    /** Fractions of data.source; a part read from its own source gets 0 and its key is refused. */
    private static SplitConfig split(Section s, boolean validationSource, boolean testSource) {
        s.allow("train", "validation", "test", "stratify", "seed");
        List<String> parts = new ArrayList<>(List.of("train", "validation", "test"));
        if (validationSource) {
            parts.remove("validation");
        }
        if (testSource) {
            parts.remove("test");
        }
        for (String k : List.of("validation", "test")) {
            if (!parts.contains(k) && s.has(k)) {
                throw s.fail("data.split." + k, "cannot be set when data." + k + " names a source",
                        Section.show(s.node.get(k)));
            }
        }
        if (parts.size() == 1 && s.has("train")) {
            throw s.fail("data.split.train", "cannot be set when data.validation and data.test name sources (all "
                    + "of data.source trains)", Section.show(s.node.get("train")));
        }
        double[] dflt = parts.size() == 3 ? new double[] {0.6, 0.2, 0.2} : new double[] {0.75, 0.25};
        double train = parts.size() == 1 ? 1.0 : s.fraction("train", dflt[0]);
        double validation = parts.contains("validation") ? s.fraction("validation", dflt[1]) : 0.0;
        double test = parts.contains("test") ? s.fraction("test", parts.size() == 3 ? dflt[2] : dflt[1]) : 0.0;
        double sum = train + validation + test;
        if (Math.abs(sum - 1.0) > 1e-9) {
            double[] values = {train, validation, test};
            List<String> all = List.of("train", "validation", "test");
            String got = parts.stream().map(p -> String.valueOf(values[all.indexOf(p)]))
                    .collect(Collectors.joining(" + "));
            throw s.fail("data.split", String.join(" + ", parts) + " = 1 must hold", got + " = " + (float) sum);
        }
        return new SplitConfig(train, validation, test, s.bool("stratify", true), s.longValue("seed", 42));
    }
}
