package dev.sparksweep.space;

import dev.sparksweep.worker.Activation;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.EarlyStopping;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys of the {@code space:} section, each defined once: its key, default, rule, how a candidate shows it
 * (ids, journals, leaderboards) and how a point's value reaches the candidate. The config reader, the space, the
 * candidate factory and the reports iterate over these; {@link Candidate}'s accessors read them by key.
 */
public enum Hyperparameter {
    HIDDEN_LAYERS("hidden_layers", 1, Rule.Integers.between("hidden_layers", 0, Hyperparameter.MAX_HIDDEN_LAYERS)),
    WIDTH("width", 64, Rule.Integers.atLeast(1), Hyperparameter::showWidth, Hyperparameter::placeWidth),
    ACTIVATION("activation", Activation.RELU, new Rule.Choice(Activation.class)),
    BATCH_SIZE("batch_size", 32, new Rule.Integers(1, Integer.MAX_VALUE, "must be an integer >= 1 or \"full\"",
            Map.of("full", Candidate.FULL_BATCH)),
            c -> c.batchSize() == Candidate.FULL_BATCH ? "full" : c.batchSize()),
    EPOCHS("epochs", 50, Rule.Integers.atLeast(1)),
    OPTIMIZER("optimizer", Optimizer.ADAM, new Rule.Choice(Optimizer.class)),
    LEARNING_RATE("learning_rate", 0.001, new Rule.Reals(v -> v > 0 && !Double.isInfinite(v), "must be a number > 0")),
    DROPOUT("dropout", 0.0, new Rule.Reals(v -> v >= 0 && v < 1, "must be a number with 0 <= dropout < 1")),
    L1("l1", 0.0, new Rule.Reals(v -> v >= 0 && !Double.isInfinite(v), "must be a number >= 0")),
    L2("l2", 0.0, new Rule.Reals(v -> v >= 0 && !Double.isInfinite(v), "must be a number >= 0")),
    EARLY_STOPPING("early_stopping", NoEarlyStopping.INSTANCE, new Rule.EarlyStoppingRule(),
            Hyperparameter::showEarlyStopping,
            (value, point, candidate) -> candidate.set("early_stopping",
                    value instanceof EarlyStopping es ? EarlyStoppingPart.apply(es, point) : null));

    /**
     * The parts of {@code early_stopping: {monitor, patience, min_delta}} that may each be searched: a part given
     * as a list or distribution is its own dimension, named {@code early_stopping.<part>}, over the fixed rest.
     */
    public enum EarlyStoppingPart {
        MONITOR("monitor", new Rule.Choice(Monitor.class)),
        PATIENCE("patience", Rule.Integers.atLeast(1)),
        MIN_DELTA("min_delta", new Rule.Reals(v -> v >= 0 && !Double.isInfinite(v), "must be a number >= 0"));

        private final String key;
        private final Rule rule;

        EarlyStoppingPart(String key, Rule rule) {
            this.key = key;
            this.rule = rule;
        }

        public String key() {
            return key;
        }

        public Rule rule() {
            return rule;
        }

        /** The space dimension of this part. */
        public String dimension() {
            return EARLY_STOPPING.key + "." + key;
        }

        public static Optional<EarlyStoppingPart> byKey(String key) {
            return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
        }

        /** {@code base} with the parts {@code point} has a dimension for. */
        static EarlyStopping apply(EarlyStopping base, Map<String, Object> point) {
            Object monitor = point.get(MONITOR.dimension());
            Object patience = point.get(PATIENCE.dimension());
            Object minDelta = point.get(MIN_DELTA.dimension());
            return new EarlyStopping(monitor != null ? (Monitor) monitor : base.monitor(),
                    patience != null ? ((Number) patience).intValue() : base.patience(),
                    minDelta != null ? ((Number) minDelta).doubleValue() : base.minDelta());
        }
    }

    /** The value of {@code early_stopping: none}; a candidate that never stops early has no early_stopping. */
    public enum NoEarlyStopping {
        INSTANCE;

        @Override
        public String toString() {
            return "none";
        }
    }

    public static final int MAX_HIDDEN_LAYERS = 64;

    private final String key;
    private final Object defaultValue;
    private final Rule rule;
    private final Function<Candidate, Object> shown;
    private final Placement placement;

    /** How a point's value of a key reaches a candidate. */
    @FunctionalInterface
    private interface Placement {
        void place(Object value, Map<String, Object> point, Candidate.Builder candidate);
    }

    /** A key whose value the candidate holds as is and a candidate shows as is (enums by their lower-case name). */
    Hyperparameter(String key, Object defaultValue, Rule rule) {
        this(key, defaultValue, rule, c -> plain(c.values().get(key)), (v, point, c) -> c.set(key, v));
    }

    Hyperparameter(String key, Object defaultValue, Rule rule, Function<Candidate, Object> shown) {
        this(key, defaultValue, rule, shown, (v, point, c) -> c.set(key, v));
    }

    Hyperparameter(String key, Object defaultValue, Rule rule, Function<Candidate, Object> shown,
                   Placement placement) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.rule = rule;
        this.shown = shown;
        this.placement = placement;
    }

    public String key() {
        return key;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    public Rule rule() {
        return rule;
    }

    public static Optional<Hyperparameter> byKey(String key) {
        return Arrays.stream(values()).filter(h -> h.key.equals(key)).findFirst();
    }

    public static String keys() {
        return Arrays.stream(values()).map(Hyperparameter::key).collect(Collectors.joining(", "));
    }

    /** Whether the key may take a numeric distribution ({uniform: ...}) rather than a list. */
    public boolean isNumeric() {
        return rule.isNumeric();
    }

    public boolean isInteger() {
        return rule instanceof Rule.Integers;
    }

    /** Checks one value against this key's rule and returns it typed. */
    public Object coerce(Object raw) {
        return rule.coerce(raw);
    }

    /** The space dimension of hidden layer {@code layer}'s width (0-based) under {@code widths:}. */
    public static String layerWidthKey(int layer) {
        return "width_" + (layer + 1);
    }

    /** This key's value at {@code point}, or its default. */
    Object valueAt(Map<String, Object> point) {
        return point.getOrDefault(key, defaultValue);
    }

    /** Puts this key's value at {@code point} into a candidate's values. */
    void place(Map<String, Object> point, Candidate.Builder candidate) {
        placement.place(valueAt(point), point, candidate);
    }

    /** Per-layer widths ({@code width_1, ...}) when the point has them; the first is also the width. */
    private static void placeWidth(Object width, Map<String, Object> point, Candidate.Builder candidate) {
        List<Integer> widths = new ArrayList<>();
        if (point.containsKey(layerWidthKey(0))) {
            for (int l = 0; l < (Integer) HIDDEN_LAYERS.valueAt(point); l++) {
                widths.add((Integer) point.get(layerWidthKey(l)));
            }
        }
        candidate.set("width", widths.isEmpty() ? width : widths.get(0));
        candidate.layerWidths(widths);
    }

    /** A value of this key as the config format writes it (for the resolved config). */
    public Object written(Object v) {
        if (v instanceof Enum<?> e) {
            return e.toString().equals(e.name()) ? e.name().toLowerCase(Locale.ROOT) : e.toString();
        }
        if (v instanceof EarlyStopping es) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("monitor", es.monitor().key());
            m.put("patience", es.patience());
            m.put("min_delta", es.minDelta());
            return m;
        }
        return this == BATCH_SIZE && Integer.valueOf(Candidate.FULL_BATCH).equals(v) ? "full" : v;
    }

    /** The hyperparameters by their config key, in config order, as ids, journals and leaderboards show them. */
    public static Map<String, Object> shown(Candidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Hyperparameter h : values()) {
            m.put(h.key, h.shown.apply(c));
        }
        return m;
    }

    private static Object plain(Object v) {
        return v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : v;
    }

    private static Object showWidth(Candidate c) {
        return c.layerWidths().isEmpty() ? (Object) c.width()
                : c.layerWidths().stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    private static Object showEarlyStopping(Candidate c) {
        EarlyStopping es = c.earlyStopping();
        return es == null ? "none" : es.monitor().key() + "/" + es.patience() + "/" + es.minDelta();
    }

    /** How a raw value is shown in a message: strings quoted so that "5" and 5 differ. */
    public static String show(Object raw) {
        return Rule.show(raw);
    }
}
