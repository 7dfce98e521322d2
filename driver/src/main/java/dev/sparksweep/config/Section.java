package dev.sparksweep.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sparksweep.common.BadInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One map of the config, with its dotted path for messages, read by type. Every failure is a BadInputException
 * whose one-line message names the file, the key, the rule and the value.
 */
final class Section {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    final String file;
    final String path;
    final JsonNode node;

    private Section(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The map at {@code path}; absent or null reads as an empty map. */
    static Section of(String file, String path, JsonNode node) {
        if (node != null && !node.isNull() && !node.isObject()) {
            throw new BadInputException(file + ": " + (path.isEmpty() ? "(top level)" : path)
                    + ": must be a map of keys, but got " + (node.isArray() ? "a list" : show(node)));
        }
        return new Section(file, path, node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node);
    }

    /** The map under key {@code k}. */
    Section section(String k) {
        return of(file, key(k), node.get(k));
    }

    BadInputException fail(String key, String rule, String value) {
        return new BadInputException(file + ": " + key + ": " + rule + ", but got " + value);
    }

    /** How a YAML value is shown in a message: strings quoted, the rest as JSON. */
    static String show(JsonNode n) {
        return n.isTextual() ? "\"" + n.asText() + "\"" : n.toString();
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

    private static long group(Matcher m, int g) {
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
