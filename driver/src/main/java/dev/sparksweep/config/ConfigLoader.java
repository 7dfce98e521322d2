package dev.sparksweep.config;

import dev.sparksweep.common.BadInputException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sparksweep.config.DataConfig.Scaling;
import dev.sparksweep.config.DataConfig.SplitConfig;
import dev.sparksweep.config.ExecutionConfig.Backend;
import dev.sparksweep.config.SearchConfig.Strategy;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.Hyperparameter;
import dev.sparksweep.space.InvalidValueException;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Engine;
import dev.sparksweep.worker.Monitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML config into a SweepConfig and checks every rule before any work starts. Every failure is a
 * BadInputException whose one-line message names the file, the key, the rule and the value.
 */
public final class ConfigLoader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final Pattern SCIENTIFIC = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)[eE][-+]?\\d+");
    private static final Set<String> BUILTIN = Set.of("digits");

    private final String file;
    private final Path baseDir;

    private ConfigLoader(Path path) {
        this.file = path.toString();
        this.baseDir = path.toAbsolutePath().getParent();
    }

    public static SweepConfig load(Path path) {
        return new ConfigLoader(path).read(path);
    }

    private SweepConfig read(Path path) {
        JsonNode root;
        try {
            String text = Files.readString(path);
            YAMLMapper mapper = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
            root = mapper.readTree(text);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": cannot read the config: no such file");
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": " + yamlProblem(e));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the config: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new BadInputException(file + ": the config is empty; it needs at least name and data");
        }
        Section top = section("", root);
        top.allow("name", "data", "search", "space", "execution", "output");

        String name = top.requiredString("name");
        if (!NAME.matcher(name).matches()) {
            throw fail("name", "must match " + NAME.pattern(), Hyperparameter.show(name));
        }
        DataConfig data = data(top.required("data"));
        SearchConfig search = search(top.optional("search"));
        SearchSpace space = space(top.optional("space"), search.strategy());
        ExecutionConfig execution = execution(top.optional("execution"));
        OutputConfig output = output(top.optional("output"), name);
        return new SweepConfig(path, name, data, search, space, execution, output);
    }

    /** "line L, column C: is not valid YAML: PROBLEM", pointing at the problem rather than its context. */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
            return "line " + (m.getProblemMark().getLine() + 1) + ", column " + (m.getProblemMark().getColumn() + 1)
                    + ": is not valid YAML: " + m.getProblem()
                    + (m.getContext() == null ? "" : " (" + m.getContext() + ")");
        }
        String where = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        return where + "is not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("");
    }

    // ----- sections

    private DataConfig data(JsonNode node) {
        Section s = section("data", node);
        s.allow("source", "label", "features", "header", "delimiter", "num_features", "missing", "validation",
                "test", "split", "scale", "max_size_mb");
        String source = s.requiredString("source");
        String kind = checkSource("data.source", source);
        for (String k : List.of("header", "delimiter")) {
            if (s.has(k) && !kind.equals("csv")) {
                throw fail("data." + k, "applies to csv sources only", "source " + Hyperparameter.show(source));
            }
        }
        if (s.has("num_features") && !kind.equals("libsvm")) {
            throw fail("data.num_features", "applies to libsvm sources only", "source " + Hyperparameter.show(source));
        }
        String label = s.has("label") ? s.string("label", null) : null;
        if (label != null && kind.equals("libsvm")) {
            throw fail("data.label", "cannot be set for libsvm sources (the label is the first item of each line)",
                    Hyperparameter.show(label));
        }
        if (label != null && kind.equals("builtin") && !label.equals("label") && !label.equals("64")) {
            throw fail("data.label", "must be label (or 64) for builtin:digits", Hyperparameter.show(label));
        }
        List<String> features = features(s, kind, label);
        DataConfig.CsvOptions csv = new DataConfig.CsvOptions(s.bool("header", true), delimiter(s));
        Integer numFeatures = s.has("num_features") ? s.positiveInt("num_features") : null;
        String validation = extraSource(s, "validation", kind);
        String test = extraSource(s, "test", kind);
        SplitConfig split = split(s.optional("split"), validation != null, test != null);
        Scaling scale = s.enumeration("scale", Scaling.class, Scaling.MAX);
        DataConfig.Missing missing = s.enumeration("missing", DataConfig.Missing.class, DataConfig.Missing.ERROR);
        long maxSizeMb = s.has("max_size_mb") ? s.positiveInt("max_size_mb") : DataConfig.DEFAULT_MAX_SIZE_MB;
        return new DataConfig(resolve(source), label, split, scale, csv, numFeatures, features, missing,
                validation == null ? null : resolve(validation), test == null ? null : resolve(test), maxSizeMb);
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
                    throw fail(key, "the built-in data sets are " + String.join(", ", BUILTIN),
                            Hyperparameter.show(source));
                }
            }
            case "csv", "libsvm", "parquet" -> {
                if (rest.isBlank()) {
                    throw fail(key, "needs a path after " + kind + ":", Hyperparameter.show(source));
                }
            }
            default -> throw fail(key, "must be builtin:NAME, csv:PATH, libsvm:PATH or parquet:PATH",
                    Hyperparameter.show(source));
        }
        return kind;
    }

    private List<String> features(Section s, String kind, String label) {
        if (!s.has("features")) {
            return List.of();
        }
        if (!kind.equals("csv") && !kind.equals("parquet")) {
            throw fail("data.features", "applies to csv and parquet sources only", "source "
                    + Hyperparameter.show(s.node.get("source").asText()));
        }
        JsonNode v = s.node.get("features");
        List<String> out = new ArrayList<>();
        if (v.isTextual() && !v.asText().isBlank()) {
            out.add(v.asText());
        } else if (v.isArray() && !v.isEmpty()) {
            for (JsonNode e : v) {
                if (!e.isValueNode() || e.isNull() || e.isBoolean() || e.asText().isBlank()) {
                    throw fail("data.features", "must be a list of column names or 0-based indices", show(v));
                }
                if (out.contains(e.asText())) {
                    throw fail("data.features", "must not name a column twice", show(e));
                }
                out.add(e.asText());
            }
        } else {
            throw fail("data.features", "must be a column name or a non-empty list of columns", show(v));
        }
        if (label != null && out.contains(label)) {
            throw fail("data.features", "must not include the label column", Hyperparameter.show(label));
        }
        return out;
    }

    private String delimiter(Section s) {
        String d = s.string("delimiter", ",");
        if (d.length() != 1) {
            throw fail("data.delimiter", "must be one character (write a tab as \"\\t\")", Hyperparameter.show(d));
        }
        return d;
    }

    private String extraSource(Section s, String key, String kind) {
        if (!s.has(key)) {
            return null;
        }
        String path = "data." + key;
        JsonNode v = s.node.get(key);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw fail(path, "must be a source such as csv:PATH", show(v));
        }
        String other = v.asText();
        String otherKind = checkSource(path, other);
        if (kind.equals("builtin") || !otherKind.equals(kind)) {
            throw fail(path, "must be the same kind of source as data.source (" + kind + ")",
                    Hyperparameter.show(other));
        }
        return other;
    }

    /** Fractions of data.source; a part read from its own source gets 0 and its key is refused. */
    private SplitConfig split(JsonNode node, boolean validationSource, boolean testSource) {
        Section s = section("data.split", node);
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
                throw fail("data.split." + k, "cannot be set when data." + k + " names a source",
                        show(s.node.get(k)));
            }
        }
        if (parts.size() == 1 && s.has("train")) {
            throw fail("data.split.train", "cannot be set when data.validation and data.test name sources (all of "
                    + "data.source trains)", show(s.node.get("train")));
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
                    .collect(java.util.stream.Collectors.joining(" + "));
            throw fail("data.split", String.join(" + ", parts) + " = 1 must hold", got + " = " + (float) sum);
        }
        return new SplitConfig(train, validation, test, s.bool("stratify", true), s.longValue("seed", 42));
    }

    private SearchConfig search(JsonNode node) {
        Section s = section("search", node);
        s.allow("strategy", "objective", "max_trials", "max_time", "trial_timeout", "seed", "min_epochs", "eta",
                "reproducible");
        Strategy strategy = s.enumeration("strategy", Strategy.class, Strategy.GRID);
        if (strategy != Strategy.HALVING) {
            for (String k : List.of("min_epochs", "eta", "reproducible")) {
                if (s.has(k)) {
                    throw fail("search." + k, "applies to strategy halving only", "strategy "
                            + strategy.name().toLowerCase(Locale.ROOT));
                }
            }
        }
        int minEpochs = s.has("min_epochs") ? s.positiveInt("min_epochs") : 1;
        int eta = 3;
        if (s.has("eta")) {
            JsonNode v = s.node.get("eta");
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 2) {
                throw fail("search.eta", "must be an integer >= 2", show(v));
            }
            eta = v.intValue();
        }
        Monitor objective = s.enumeration("objective", Monitor.class, Monitor.VAL_ACCURACY);
        if (strategy != Strategy.GRID && !s.has("max_trials")) {
            throw new BadInputException(file + ": search.max_trials: is required for strategy "
                    + strategy.name().toLowerCase(Locale.ROOT) + " but missing");
        }
        int maxTrials = s.has("max_trials") ? s.positiveInt("max_trials") : Integer.MAX_VALUE;
        Duration maxTime = s.has("max_time") ? s.duration("max_time") : null;
        Duration trialTimeout = s.has("trial_timeout") ? s.duration("trial_timeout") : null;
        return new SearchConfig(strategy, objective, maxTrials, maxTime, trialTimeout, s.longValue("seed", 42),
                minEpochs, eta, s.bool("reproducible", false));
    }

    private SearchSpace space(JsonNode node, Strategy strategy) {
        Section s = section("space", node);
        List<Dimension> dims = new ArrayList<>();
        for (Iterator<String> it = s.node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String path = "space." + key;
            if (key.equals("widths")) {
                dims.addAll(layerWidths(s.node, strategy));
                continue;
            }
            Hyperparameter h = Hyperparameter.byKey(key).orElseThrow(() -> new BadInputException(
                    file + ": " + path + ": is not a known key (known: " + Hyperparameter.keys() + ", widths)"));
            dims.add(dimension(h, path, s.node.get(key), strategy));
        }
        SearchSpace space = SearchSpace.withDefaults(dims);
        if (s.node.has("widths")) {
            int layers = s.node.get("widths").size();
            int most = maxHiddenLayers(space);
            if (most > layers) {
                throw fail("space.widths", "needs an entry for every hidden layer (hidden_layers goes up to " + most
                        + ")", layers + (layers == 1 ? " entry" : " entries"));
            }
        }
        return space;
    }

    private Dimension dimension(Hyperparameter h, String path, JsonNode node, Strategy strategy) {
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw fail(path, "must be a non-empty list", "[]");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                Object v = coerce(h, path + "[" + i + "]", toJava(node.get(i)));
                if (values.contains(v)) {
                    throw fail(path, "must not list a value twice", v + " at index " + i);
                }
                values.add(v);
            }
            return values.size() == 1 ? new Dimension.Fixed(h.key(), values.get(0))
                    : new Dimension.Choice(h.key(), values);
        }
        if (node.isObject() && h != Hyperparameter.EARLY_STOPPING) {
            Dimension d = distribution(h, path, node);
            if (strategy == Strategy.GRID) {
                throw fail(path, "a grid needs a list or a single value; distributions need strategy random or "
                        + "halving", node.toString());
            }
            return d;
        }
        return new Dimension.Fixed(h.key(), coerce(h, path, toJava(node)));
    }

    /** {@code widths: [spec, spec, ...]}: one width dimension per hidden layer, each a list, value or int range. */
    private List<Dimension> layerWidths(JsonNode space, Strategy strategy) {
        JsonNode widths = space.get("widths");
        if (space.has("width")) {
            throw fail("space.widths", "cannot be combined with space.width (widths sets every layer's)",
                    widths.toString());
        }
        if (!widths.isArray() || widths.isEmpty()) {
            throw fail("space.widths", "must be a non-empty list with one entry per hidden layer",
                    widths.toString());
        }
        List<Dimension> out = new ArrayList<>();
        for (int l = 0; l < widths.size(); l++) {
            Dimension d = dimension(Hyperparameter.WIDTH, "space.widths[" + l + "]", widths.get(l), strategy);
            String name = dev.sparksweep.space.CandidateFactory.layerWidthKey(l);
            out.add(d instanceof Dimension.Fixed f ? new Dimension.Fixed(name, f.value())
                    : d instanceof Dimension.Choice c ? new Dimension.Choice(name, c.options())
                    : new Dimension.IntRange(name, ((Dimension.IntRange) d).low(), ((Dimension.IntRange) d).high(),
                    ((Dimension.IntRange) d).log()));
        }
        return out;
    }

    private static int maxHiddenLayers(SearchSpace space) {
        for (Dimension d : space.dimensions()) {
            if (d.name().equals(Hyperparameter.HIDDEN_LAYERS.key())) {
                return d instanceof Dimension.IntRange r ? r.high()
                        : d.values().stream().mapToInt(v -> (Integer) v).max().orElse(0);
            }
        }
        return (Integer) Hyperparameter.HIDDEN_LAYERS.defaultValue();
    }

    private Dimension distribution(Hyperparameter h, String path, JsonNode node) {
        Set<String> kinds = Set.of("uniform", "log_uniform", "int", "int_log");
        if (node.size() != 1 || !kinds.contains(node.fieldNames().next())) {
            throw fail(path, "a distribution is one of {uniform: [low, high]}, {log_uniform: [low, high]}, "
                    + "{int: [low, high]}, {int_log: [low, high]}", node.toString());
        }
        String kind = node.fieldNames().next();
        String at = path + "." + kind;
        JsonNode bounds = node.get(kind);
        if (!h.isNumeric()) {
            throw fail(path, "only numeric keys take a distribution; use a list", node.toString());
        }
        if (!bounds.isArray() || bounds.size() != 2 || !bounds.get(0).isNumber() || !bounds.get(1).isNumber()) {
            throw fail(at, "must be a list [low, high] of two numbers", bounds.toString());
        }
        boolean integer = kind.startsWith("int");
        boolean log = kind.endsWith("log") || kind.startsWith("log");
        if (integer && !(bounds.get(0).canConvertToExactIntegral() && bounds.get(1).canConvertToExactIntegral()
                && bounds.get(0).isIntegralNumber() && bounds.get(1).isIntegralNumber())) {
            throw fail(at, "integer bounds must hold", bounds.toString());
        }
        if (h.isInteger() != integer) {
            throw fail(path, h.isInteger() ? "takes int or int_log, since " + h.key() + " is an integer"
                    : "takes uniform or log_uniform, since " + h.key() + " is a real number", node.toString());
        }
        double low = bounds.get(0).asDouble();
        double high = bounds.get(1).asDouble();
        if (!(low < high)) {
            throw fail(at, "low < high must hold", "(low=" + bounds.get(0) + ", high=" + bounds.get(1) + ")");
        }
        if (log && !(low > 0)) {
            throw fail(at, "a log scale needs low > 0", "(low=" + bounds.get(0) + ", high=" + bounds.get(1) + ")");
        }
        coerce(h, at + "[0]", toJava(bounds.get(0)));
        coerce(h, at + "[1]", toJava(bounds.get(1)));
        return integer ? new Dimension.IntRange(h.key(), (int) low, (int) high, log)
                : new Dimension.DoubleRange(h.key(), low, high, log);
    }

    private Object coerce(Hyperparameter h, String path, Object raw) {
        try {
            return h.coerce(raw);
        } catch (InvalidValueException e) {
            throw fail(path + e.subKey(), e.rule(), String.valueOf(e.value()));
        }
    }

    private ExecutionConfig execution(JsonNode node) {
        Section s = section("execution", node);
        s.allow("master", "parallelism", "backend", "engine", "mode", "data_parallel");
        String master = s.string("master", "local[*]");
        int parallelism = s.autoOrPositive("parallelism");
        Backend backend = s.enumeration("backend", Backend.class, Backend.CPU);
        if (backend == Backend.GPU) {
            throw fail("execution.backend", "gpu needs the cuda build, which this version does not ship yet",
                    "\"gpu\"");
        }
        Engine engine = s.enumeration("engine", Engine.class, Engine.AUTO);
        ExecutionConfig.Mode mode = s.enumeration("mode", ExecutionConfig.Mode.class,
                ExecutionConfig.Mode.PER_CANDIDATE);
        ExecutionConfig.DataParallel dp = ExecutionConfig.DataParallel.DEFAULT;
        if (s.has("data_parallel") && mode != ExecutionConfig.Mode.DATA_PARALLEL) {
            throw fail("execution.data_parallel", "applies to mode data_parallel only", "mode per_candidate");
        }
        if (mode == ExecutionConfig.Mode.DATA_PARALLEL) {
            if (engine == Engine.JVM) {
                throw fail("execution.engine", "must be auto or dl4j with mode data_parallel (it trains with "
                        + "dl4j-spark)", "\"jvm\"");
            }
            if (parallelism > 1) {
                throw fail("execution.parallelism", "must be auto or 1 with mode data_parallel (one candidate at a "
                        + "time, across every executor)", String.valueOf(parallelism));
            }
            dp = dataParallel(s.optional("data_parallel"));
        }
        return new ExecutionConfig(master, parallelism, backend, engine, mode, dp);
    }

    private ExecutionConfig.DataParallel dataParallel(JsonNode node) {
        Section s = section("execution.data_parallel", node);
        s.allow("workers", "averaging_frequency", "prefetch", "export_dir");
        int workers = s.autoOrPositive("workers");
        ExecutionConfig.DataParallel d = ExecutionConfig.DataParallel.DEFAULT;
        int frequency = s.has("averaging_frequency") ? s.positiveInt("averaging_frequency") : d.averagingFrequency();
        int prefetch = d.prefetch();
        if (s.has("prefetch")) {
            JsonNode p = s.node.get("prefetch");
            if (!p.isIntegralNumber() || p.asLong() < 0 || p.asLong() > 1000) {
                throw fail("execution.data_parallel.prefetch", "must be an integer >= 0", show(p));
            }
            prefetch = p.asInt();
        }
        String export = s.has("export_dir") ? s.string("export_dir", null) : null;
        if (export != null && export.isBlank()) {
            throw fail("execution.data_parallel.export_dir", "must not be empty", "\"\"");
        }
        return new ExecutionConfig.DataParallel(workers, frequency, prefetch, export);
    }

    private OutputConfig output(JsonNode node, String name) {
        Section s = section("output", node);
        s.allow("dir", "keep_models");
        String dir = s.string("dir", "runs/" + name);
        if (dir.isBlank()) {
            throw fail("output.dir", "must not be empty", "\"\"");
        }
        int keep = s.has("keep_models") ? s.positiveInt("keep_models") : 3;
        return new OutputConfig(dir, keep);
    }

    // ----- helpers

    private BadInputException fail(String key, String rule, String value) {
        return new BadInputException(file + ": " + key + ": " + rule + ", but got " + value);
    }

    private static String show(JsonNode n) {
        return n.isTextual() ? "\"" + n.asText() + "\"" : n.toString();
    }

    /** Plain Java values; "1e-4", which YAML 1.1 reads as a string, counts as the number it looks like. */
    static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToInt() ? (Object) n.intValue() : (Object) n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            String t = n.textValue();
            return SCIENTIFIC.matcher(t).matches() ? (Object) Double.parseDouble(t) : t;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), toJava(e.getValue())));
            return m;
        }
        List<Object> l = new ArrayList<>();
        n.forEach(e -> l.add(toJava(e)));
        return l;
    }

    private Section section(String path, JsonNode node) {
        if (node != null && !node.isNull() && !node.isObject()) {
            throw fail(path.isEmpty() ? "(top level)" : path, "must be a map of keys",
                    node.isArray() ? "a list" : show(node));
        }
        return new Section(path, node == null || node.isNull() ? com.fasterxml.jackson.databind.node
                .JsonNodeFactory.instance.objectNode() : node);
    }

    /** One map of the config, with its dotted path for messages. */
    private final class Section {
        final String path;
        final JsonNode node;

        Section(String path, JsonNode node) {
            this.path = path;
            this.node = node;
        }

        String key(String k) {
            return path.isEmpty() ? k : path + "." + k;
        }

        void allow(String... keys) {
            List<String> known = List.of(keys);
            node.fieldNames().forEachRemaining(k -> {
                if (!known.contains(k)) {
                    throw new BadInputException(file + ": " + key(k) + ": is not a known key (known: "
                            + String.join(", ", known) + ")");
                }
            });
        }

        boolean has(String k) {
            return node.has(k) && !node.get(k).isNull();
        }

        JsonNode required(String k) {
            if (!has(k)) {
                throw new BadInputException(file + ": " + key(k) + ": is required but missing");
            }
            return node.get(k);
        }

        JsonNode optional(String k) {
            return node.get(k);
        }

        String requiredString(String k) {
            JsonNode v = required(k);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw fail(key(k), "must be a non-empty string", show(v));
            }
            return v.asText();
        }

        String string(String k, String dflt) {
            if (!has(k)) {
                return dflt;
            }
            JsonNode v = node.get(k);
            if (!v.isValueNode() || v.isBoolean()) {
                throw fail(key(k), "must be a string", show(v));
            }
            return v.asText();
        }

        boolean bool(String k, boolean dflt) {
            if (!has(k)) {
                return dflt;
            }
            JsonNode v = node.get(k);
            if (!v.isBoolean()) {
                throw fail(key(k), "must be true or false", show(v));
            }
            return v.booleanValue();
        }

        long longValue(String k, long dflt) {
            if (!has(k)) {
                return dflt;
            }
            JsonNode v = node.get(k);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw fail(key(k), "must be an integer", show(v));
            }
            return v.longValue();
        }

        /** "auto" (or absent) as 0, else an integer >= 1. */
        int autoOrPositive(String k) {
            if (!has(k)) {
                return 0;
            }
            JsonNode v = node.get(k);
            if (v.isTextual() && v.asText().equals("auto")) {
                return 0;
            }
            if (v.isIntegralNumber() && v.asLong() >= 1 && v.asLong() <= 100_000) {
                return v.asInt();
            }
            throw fail(key(k), "must be auto or an integer >= 1", show(v));
        }

        int positiveInt(String k) {
            JsonNode v = node.get(k);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
                throw fail(key(k), "must be an integer >= 1", show(v));
            }
            return v.intValue();
        }

        double fraction(String k, double dflt) {
            if (!has(k)) {
                return dflt;
            }
            JsonNode v = node.get(k);
            if (!v.isNumber() || !(v.doubleValue() > 0 && v.doubleValue() < 1)) {
                throw fail(key(k), "must be a number with 0 < " + k + " < 1", show(v));
            }
            return v.doubleValue();
        }

        Duration duration(String k) {
            JsonNode v = node.get(k);
            String rule = "must be a duration such as 90s, 30m, 2h or 1h30m";
            if (v.isIntegralNumber() && v.longValue() > 0) {
                return Duration.ofSeconds(v.longValue());
            }
            Matcher m = v.isTextual() ? DURATION.matcher(v.asText().trim()) : null;
            if (m == null || !m.matches() || v.asText().isBlank()) {
                throw fail(key(k), rule, show(v));
            }
            Duration d = Duration.ofHours(group(m, 1)).plusMinutes(group(m, 2)).plusSeconds(group(m, 3));
            if (d.isZero()) {
                throw fail(key(k), rule + " (longer than zero)", show(v));
            }
            return d;
        }

        private long group(Matcher m, int g) {
            return m.group(g) == null ? 0 : Long.parseLong(m.group(g));
        }

        <E extends Enum<E>> E enumeration(String k, Class<E> type, E dflt) {
            if (!has(k)) {
                return dflt;
            }
            JsonNode v = node.get(k);
            for (E e : type.getEnumConstants()) {
                if (v.isTextual() && e.name().equalsIgnoreCase(v.asText())) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw fail(key(k), "must be one of " + String.join(" | ", names), show(v));
        }
    }
}
