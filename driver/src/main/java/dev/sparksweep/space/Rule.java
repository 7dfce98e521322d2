package dev.sparksweep.space;

import dev.sparksweep.worker.EarlyStopping;
import dev.sparksweep.worker.Monitor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;

/**
 * What values a hyperparameter takes. Values arrive as plain Java objects (Integer, Long, Double, String, Boolean,
 * Map) and leave typed; a value that breaks the rule is an InvalidValueException carrying the rule's text.
 */
public sealed interface Rule permits Rule.Integers, Rule.Reals, Rule.Choice, Rule.EarlyStoppingRule {

    /** Checks one value against the rule and returns it typed. */
    Object coerce(Object raw);

    /** Whether the value may come from a numeric distribution ({uniform: ...}) rather than a list. */
    default boolean isNumeric() {
        return this instanceof Integers || this instanceof Reals;
    }

    /** Integers in [min, max]; {@code words} are names for particular values ("full"). */
    record Integers(int min, int max, String text, Map<String, Integer> words) implements Rule {
        static Integers atLeast(int min) {
            return new Integers(min, Integer.MAX_VALUE, "must be an integer >= " + min, Map.of());
        }

        static Integers between(String key, int min, int max) {
            return new Integers(min, max, "must be an integer with " + min + " <= " + key + " <= " + max, Map.of());
        }

        @Override
        public Object coerce(Object raw) {
            if (raw instanceof String s && words.containsKey(s)) {
                return words.get(s);
            }
            return intIn(raw, min, max, text);
        }
    }

    /** Real numbers that {@code holds}. */
    record Reals(DoublePredicate holds, String text) implements Rule {
        @Override
        public Object coerce(Object raw) {
            double v = number(raw);
            if (!holds.test(v)) {
                throw new InvalidValueException("", text, raw);
            }
            return v;
        }
    }

    /** One constant of an enum, by its name in any case. */
    record Choice(Class<? extends Enum<?>> type) implements Rule {
        @Override
        public Object coerce(Object raw) {
            return enumValue(type, raw);
        }
    }

    /** {@code none} or {monitor, patience, min_delta}. */
    record EarlyStoppingRule() implements Rule {
        @Override
        public Object coerce(Object raw) {
            if (raw == null || "none".equals(raw) || Boolean.FALSE.equals(raw)) {
                return Hyperparameter.NoEarlyStopping.INSTANCE;
            }
            if (!(raw instanceof Map<?, ?> map)) {
                throw new InvalidValueException("", "must be none or a map {monitor, patience, min_delta}",
                        show(raw));
            }
            Set<String> known = Set.of("monitor", "patience", "min_delta");
            for (Object k : map.keySet()) {
                if (!known.contains(String.valueOf(k))) {
                    throw new InvalidValueException("." + k,
                            "is not a known key (known: monitor, patience, min_delta)", k);
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), v));
            Monitor monitor = Monitor.VAL_LOSS;
            if (m.containsKey("monitor")) {
                try {
                    monitor = (Monitor) enumValue(Monitor.class, m.get("monitor"));
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

    private static Object enumValue(Class<? extends Enum<?>> type, Object raw) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" | "));
        if (raw instanceof String s) {
            for (Enum<?> e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
        }
        throw new InvalidValueException("", "must be one of " + allowed, show(raw));
    }

    /** How a raw value is shown in a message: strings quoted so that "5" and 5 differ. */
    static String show(Object raw) {
        return raw instanceof String s ? "\"" + s + "\"" : String.valueOf(raw);
    }
}
