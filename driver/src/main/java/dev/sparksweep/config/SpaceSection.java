package dev.sparksweep.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.SearchConfig.Strategy;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.Hyperparameter;
import dev.sparksweep.space.InvalidValueException;
import dev.sparksweep.space.SearchSpace;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The space grammar: {@code space:} into a SearchSpace. A list is a Choice, a scalar is Fixed, a map a
 * distribution; {@code widths:} gives every hidden layer its own width.
 */
final class SpaceSection {
    private static final Pattern SCIENTIFIC = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)[eE][-+]?\\d+");
    private static final Set<String> DISTRIBUTIONS = Set.of("uniform", "log_uniform", "int", "int_log");

    private final Section s;
    private final Strategy strategy;

    private SpaceSection(Section s, Strategy strategy) {
        this.s = s;
        this.strategy = strategy;
    }

    /** Distributions are refused under a grid {@code strategy}. */
    static SearchSpace parse(Section s, Strategy strategy) {
        return new SpaceSection(s, strategy).parse();
    }

    private SearchSpace parse() {
        List<Dimension> dims = new ArrayList<>();
        for (Iterator<String> it = s.node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String path = "space." + key;
            if (key.equals("widths")) {
                dims.addAll(layerWidths());
                continue;
            }
            Hyperparameter h = Hyperparameter.byKey(key).orElseThrow(() -> new BadInputException(
                    s.file + ": " + path + ": is not a known key (known: " + Hyperparameter.keys() + ", widths)"));
            dims.add(dimension(h, path, s.node.get(key)));
        }
        SearchSpace space = SearchSpace.withDefaults(dims);
        if (s.node.has("widths")) {
            int layers = s.node.get("widths").size();
            int most = maxHiddenLayers(space);
            if (most > layers) {
                throw s.fail("space.widths", "needs an entry for every hidden layer (hidden_layers goes up to "
                        + most + ")", layers + (layers == 1 ? " entry" : " entries"));
            }
        }
        return space;
    }

    private Dimension dimension(Hyperparameter h, String path, JsonNode node) {
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw s.fail(path, "must be a non-empty list", "[]");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                Object v = coerce(h, path + "[" + i + "]", toJava(node.get(i)));
                if (values.contains(v)) {
                    throw s.fail(path, "must not list a value twice", v + " at index " + i);
                }
                values.add(v);
            }
            return values.size() == 1 ? new Dimension.Fixed(h.key(), values.get(0))
                    : new Dimension.Choice(h.key(), values);
        }
        if (node.isObject() && h != Hyperparameter.EARLY_STOPPING) {
            Dimension d = distribution(h, path, node);
            if (strategy == Strategy.GRID) {
                throw s.fail(path, "a grid needs a list or a single value; distributions need strategy random, "
                        + "halving or tpe", node.toString());
            }
            return d;
        }
        return new Dimension.Fixed(h.key(), coerce(h, path, toJava(node)));
    }

    /** {@code widths: [spec, spec, ...]}: one width dimension per hidden layer, each a list, value or int range. */
    private List<Dimension> layerWidths() {
        JsonNode widths = s.node.get("widths");
        if (s.node.has("width")) {
            throw s.fail("space.widths", "cannot be combined with space.width (widths sets every layer's)",
                    widths.toString());
        }
        if (!widths.isArray() || widths.isEmpty()) {
            throw s.fail("space.widths", "must be a non-empty list with one entry per hidden layer",
                    widths.toString());
        }
        List<Dimension> out = new ArrayList<>();
        for (int l = 0; l < widths.size(); l++) {
            Dimension d = dimension(Hyperparameter.WIDTH, "space.widths[" + l + "]", widths.get(l));
            String name = Hyperparameter.layerWidthKey(l);
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
        if (node.size() != 1 || !DISTRIBUTIONS.contains(node.fieldNames().next())) {
            throw s.fail(path, "a distribution is one of {uniform: [low, high]}, {log_uniform: [low, high]}, "
                    + "{int: [low, high]}, {int_log: [low, high]}", node.toString());
        }
        String kind = node.fieldNames().next();
        String at = path + "." + kind;
        JsonNode bounds = node.get(kind);
        if (!h.isNumeric()) {
            throw s.fail(path, "only numeric keys take a distribution; use a list", node.toString());
        }
        if (!bounds.isArray() || bounds.size() != 2 || !bounds.get(0).isNumber() || !bounds.get(1).isNumber()) {
            throw s.fail(at, "must be a list [low, high] of two numbers", bounds.toString());
        }
        boolean integer = kind.startsWith("int");
        boolean log = kind.endsWith("log") || kind.startsWith("log");
        if (integer && !(bounds.get(0).canConvertToExactIntegral() && bounds.get(1).canConvertToExactIntegral()
                && bounds.get(0).isIntegralNumber() && bounds.get(1).isIntegralNumber())) {
            throw s.fail(at, "integer bounds must hold", bounds.toString());
        }
        if (h.isInteger() != integer) {
            throw s.fail(path, h.isInteger() ? "takes int or int_log, since " + h.key() + " is an integer"
                    : "takes uniform or log_uniform, since " + h.key() + " is a real number", node.toString());
        }
        double low = bounds.get(0).asDouble();
        double high = bounds.get(1).asDouble();
        Dimension d = null;
        try {
            if (!integer) {
                d = new Dimension.DoubleRange(h.key(), low, high, log);
            } else if (bounds.get(0).canConvertToInt() && bounds.get(1).canConvertToInt()) {
                d = new Dimension.IntRange(h.key(), (int) low, (int) high, log);
            } else {
                // beyond int: the range's rule first, then the key's rule refuses the bound (as for any value)
                Dimension.checkBounds(low, high, log);
            }
        } catch (InvalidValueException e) {
            throw s.fail(at, e.rule(), "(low=" + bounds.get(0) + ", high=" + bounds.get(1) + ")");
        }
        coerce(h, at + "[0]", toJava(bounds.get(0)));
        coerce(h, at + "[1]", toJava(bounds.get(1)));
        return d != null ? d : new Dimension.IntRange(h.key(), (int) low, (int) high, log);
    }

    private Object coerce(Hyperparameter h, String path, Object raw) {
        try {
            return h.coerce(raw);
        } catch (InvalidValueException e) {
            throw s.fail(path + e.subKey(), e.rule(), String.valueOf(e.value()));
        }
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
}
