package dev.sparksweep.space;

import dev.sparksweep.worker.Activation;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.EarlyStopping;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.Optimizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys of the {@code space:} section, each with its rule and default. Values arrive as plain Java objects
 * (Integer, Long, Double, String, Boolean, Map) and leave typed: Integer, Double, an enum, or EarlyStopping.
 */
public enum Hyperparameter {
    HIDDEN_LAYERS("hidden_layers", 1),
    WIDTH("width", 64),
    ACTIVATION("activation", Activation.RELU),
    BATCH_SIZE("batch_size", 32),
    EPOCHS("epochs", 50),
    OPTIMIZER("optimizer", Optimizer.ADAM),
    LEARNING_RATE("learning_rate", 0.001),
    DROPOUT("dropout", 0.0),
    L1("l1", 0.0),
    L2("l2", 0.0),
    EARLY_STOPPING("early_stopping", NoEarlyStopping.INSTANCE);

    /** The value of {@code early_stopping: none}. */
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

    Hyperparameter(String key, Object defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    public String key() {
        return key;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    public static Optional<Hyperparameter> byKey(String key) {
        return Arrays.stream(values()).filter(h -> h.key.equals(key)).findFirst();
    }

    public static String keys() {
        return Arrays.stream(values()).map(Hyperparameter::key).collect(Collectors.joining(", "));
    }

    /** Whether the key may take a numeric distribution ({uniform: ...}) rather than a list. */
    public boolean isNumeric() {
        return this == HIDDEN_LAYERS || this == WIDTH || this == BATCH_SIZE || this == EPOCHS
                || this == LEARNING_RATE || this == DROPOUT || this == L1 || this == L2;
    }

    public boolean isInteger() {
        return this == HIDDEN_LAYERS || this == WIDTH || this == BATCH_SIZE || this == EPOCHS;
    }

    /** Checks one value against this key's rule and returns it typed. */
    public Object coerce(Object raw) {
        return switch (this) {
            case HIDDEN_LAYERS -> intIn(raw, 0, MAX_HIDDEN_LAYERS);
            case WIDTH, EPOCHS -> intIn(raw, 1, Integer.MAX_VALUE);
            case BATCH_SIZE -> "full".equals(raw) ? Candidate.FULL_BATCH
                    : intIn(raw, 1, Integer.MAX_VALUE, "must be an integer >= 1 or \"full\"");
            case ACTIVATION -> enumValue(Activation.class, raw);
            case OPTIMIZER -> enumValue(Optimizer.class, raw);
            case LEARNING_RATE -> {
                double v = number(raw);
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new InvalidValueException("", "must be a number > 0", raw);
                }
                yield v;
            }
            case DROPOUT -> {
                double v = number(raw);
                if (!(v >= 0 && v < 1)) {
                    throw new InvalidValueException("", "must be a number with 0 <= dropout < 1", raw);
                }
                yield v;
            }
            case L1, L2 -> {
                double v = number(raw);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new InvalidValueException("", "must be a number >= 0", raw);
                }
                yield v;
            }
            case EARLY_STOPPING -> earlyStopping(raw);
        };
    }

    private int intIn(Object raw, int min, int max) {
        String rule = max == Integer.MAX_VALUE ? "must be an integer >= " + min
                : "must be an integer with " + min + " <= " + key + " <= " + max;
        return intIn(raw, min, max, rule);
    }

    private static int intIn(Object raw, int min, int max, String rule) {
        if (!(raw instanceof Integer || raw instanceof Long)) {
            throw new InvalidValueException("", rule, show(raw));
        }
        long v = ((Number) raw).longValue();
        if (v < min || v > max) {
            throw new InvalidValueException("", rule, raw);
        }
        return (int) v;
    }

    private static double number(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        throw new InvalidValueException("", "must be a number", show(raw));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Object raw) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" | "));
        if (raw instanceof String s) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
        }
        throw new InvalidValueException("", "must be one of " + allowed, show(raw));
    }

    private static Object earlyStopping(Object raw) {
        if (raw == null || "none".equals(raw) || Boolean.FALSE.equals(raw)) {
            return NoEarlyStopping.INSTANCE;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new InvalidValueException("", "must be none or a map {monitor, patience, min_delta}", show(raw));
        }
        Set<String> known = Set.of("monitor", "patience", "min_delta");
        for (Object k : map.keySet()) {
            if (!known.contains(String.valueOf(k))) {
                throw new InvalidValueException("." + k, "is not a known key (known: monitor, patience, min_delta)",
                        k);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(String.valueOf(k), v));
        Monitor monitor = Monitor.VAL_LOSS;
        if (m.containsKey("monitor")) {
            try {
                monitor = enumValue(Monitor.class, m.get("monitor"));
            } catch (InvalidValueException e) {
                throw new InvalidValueException(".monitor", e.rule(), e.value());
            }
        }
        int patience = 5;
        if (m.containsKey("patience")) {
            try {
                patience = intIn(m.get("patience"), 1, Integer.MAX_VALUE, "must be an integer >= 1");
            } catch (InvalidValueException e) {
                throw new InvalidValueException(".patience", e.rule(), e.value());
            }
        }
        double minDelta = 0.0;
        if (m.containsKey("min_delta")) {
            Object v = m.get("min_delta");
            if (!(v instanceof Number n) || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue())) {
                throw new InvalidValueException(".min_delta", "must be a number >= 0", show(v));
            }
            minDelta = n.doubleValue();
        }
        return new EarlyStopping(monitor, patience, minDelta);
    }

    /** How a raw value is shown in a message: strings quoted so that "5" and 5 differ. */
    public static String show(Object raw) {
        return raw instanceof String s ? "\"" + s + "\"" : String.valueOf(raw);
    }
}
