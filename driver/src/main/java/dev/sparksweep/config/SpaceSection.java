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
            if (h == Hyperparameter.EARLY_STOPPING) {
                dims.addAll(earlyStopping(path, s.node.get(key)));
                continue;
            }
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
                Object v = coerce(h.rule(), path + "[" + i + "]", toJava(node.get(i)));
                if (values.contains(v)) {
                    throw s.fail(path, "must not list a value twice", v + " at index " + i);
                }
                values.add(v);
            }
            return values.size() == 1 ? new Dimension.Fixed(h.key(), values.get(0))
                    : new Dimension.Choice(h.key(), values);
        }
        if (node.isObject()) {
            return gridless(path, node, distribution(h.key(), h.key(), h.rule(), path, node));
        }
        return new Dimension.Fixed(h.key(), coerce(h.rule(), path, toJava(node)));
    }

    private Dimension gridless(String path, JsonNode node, Dimension d) {
        if (strategy == Strategy.GRID) {
            throw s.fail(path, "a grid needs a list or a single value; distributions need strategy random, "
                    + "halving or tpe", node.toString());
        }
        return d;
    }

    /**
     * {@code early_stopping}: none, one map, or a list of alternatives. In one map each part may be a list or a
     * distribution, which makes it its own dimension ({@code early_stopping.patience}); in a list of alternatives,
     * a map's listed parts expand into one alternative per combination.
     */
    private List<Dimension> earlyStopping(String path, JsonNode node) {
        Hyperparameter h = Hyperparameter.EARLY_STOPPING;
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw s.fail(path, "must be a non-empty list", "[]");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String at = path + "[" + i + "]";
                for (Object v : alternatives(at, node.get(i))) {
                    if (values.contains(v)) {
                        throw s.fail(path, "must not list a value twice", h.written(v) + " at index " + i);
                    }
                    values.add(v);
                }
            }
            return List.of(values.size() == 1 ? new Dimension.Fixed(h.key(), values.get(0))
                    : new Dimension.Choice(h.key(), values));
        }
        if (!node.isObject()) {
            return List.of(new Dimension.Fixed(h.key(), coerce(h.rule(), path, toJava(node))));
        }
        Map<String, Object> fixed = new LinkedHashMap<>();
        List<Dimension> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Hyperparameter.EarlyStoppingPart part = Hyperparameter.EarlyStoppingPart.byKey(e.getKey()).orElse(null);
            JsonNode v = e.getValue();
            if (part == null || !(v.isArray() || v.isObject())) {
                fixed.put(e.getKey(), toJava(v));
                continue;
            }
            String at = path + "." + part.key();
            Dimension d;
            if (v.isObject()) {
                d = gridless(at, v, distribution(part.dimension(), part.key(), part.rule(), at, v));
            } else {
                List<Object> values = partValues(part, at, v);
                d = values.size() == 1 ? new Dimension.Fixed(part.dimension(), values.get(0))
                        : new Dimension.Choice(part.dimension(), values);
            }
            parts.add(d);
        }
        List<Dimension> out = new ArrayList<>();
        // a part fixed by a one-element list is folded into the base rather than left as a dimension
        for (Dimension d : parts) {
            if (d instanceof Dimension.Fixed f) {
                fixed.put(d.name().substring(h.key().length() + 1), written(f.value()));
            } else {
                out.add(d);
            }
        }
        out.add(0, new Dimension.Fixed(h.key(), coerce(h.rule(), path, fixed)));
        return out;
    }

    /** One list entry of {@code early_stopping: [...]}: none, or a map whose listed parts expand. */
    private List<Object> alternatives(String at, JsonNode node) {
        Hyperparameter h = Hyperparameter.EARLY_STOPPING;
        if (!node.isObject()) {
            return List.of(coerce(h.rule(), at, toJava(node)));
        }
        List<Map<String, Object>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Hyperparameter.EarlyStoppingPart part = Hyperparameter.EarlyStoppingPart.byKey(e.getKey()).orElse(null);
            JsonNode v = e.getValue();
            List<Object> options;
            if (part != null && v.isObject()) {
                throw s.fail(at + "." + part.key(), "in a list of alternatives takes a value or a list; a "
                        + "distribution needs early_stopping to be one map", v.toString());
            } else if (part != null && v.isArray()) {
                options = new ArrayList<>();
                for (Object o : partValues(part, at + "." + part.key(), v)) {
                    options.add(written(o));
                }
            } else {
                options = java.util.Collections.singletonList(toJava(v));
            }
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> c : combos) {
                for (Object o : options) {
                    Map<String, Object> m = new LinkedHashMap<>(c);
                    m.put(e.getKey(), o);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> c : combos) {
            out.add(coerce(h.rule(), at, c));
        }
        return out;
    }

    private List<Object> partValues(Hyperparameter.EarlyStoppingPart part, String at, JsonNode list) {
        if (list.isEmpty()) {
            throw s.fail(at, "must be a non-empty list", "[]");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object v = coerce(part.rule(), at + "[" + i + "]", toJava(list.get(i)));
            if (values.contains(v)) {
                throw s.fail(at, "must not list a value twice", written(v) + " at index " + i);
            }
            values.add(v);
        }
        return values;
    }

    /** A typed part value back in the config's form (monitor by its key), to coerce as part of a map. */
    private static Object written(Object v) {
        return v instanceof dev.sparksweep.worker.Monitor m ? m.key() : v;
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

    /** @param name the dimension's name; {@code key} the key a message names */
    private Dimension distribution(String name, String key, dev.sparksweep.space.Rule rule, String path,
                                   JsonNode node) {
        if (node.size() != 1 || !DISTRIBUTIONS.contains(node.fieldNames().next())) {
            throw s.fail(path, "a distribution is one of {uniform: [low, high]}, {log_uniform: [low, high]}, "
                    + "{int: [low, high]}, {int_log: [low, high]}", node.toString());
        }
        String kind = node.fieldNames().next();
        String at = path + "." + kind;
        JsonNode bounds = node.get(kind);
        if (!rule.isNumeric()) {
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
        boolean integral = rule instanceof dev.sparksweep.space.Rule.Integers;
        if (integral != integer) {
            throw s.fail(path, integral ? "takes int or int_log, since " + key + " is an integer"
                    : "takes uniform or log_uniform, since " + key + " is a real number", node.toString());
        }
        double low = bounds.get(0).asDouble();
        double high = bounds.get(1).asDouble();
        Dimension d = null;
        try {
            if (!integer) {
                d = new Dimension.DoubleRange(name, low, high, log);
            } else if (bounds.get(0).canConvertToInt() && bounds.get(1).canConvertToInt()) {
                d = new Dimension.IntRange(name, (int) low, (int) high, log);
            } else {
                // beyond int: the range's rule first, then the key's rule refuses the bound (as for any value)
                Dimension.checkBounds(low, high, log);
            }
        } catch (InvalidValueException e) {
            throw s.fail(at, e.rule(), "(low=" + bounds.get(0) + ", high=" + bounds.get(1) + ")");
        }
        coerce(rule, at + "[0]", toJava(bounds.get(0)));
        coerce(rule, at + "[1]", toJava(bounds.get(1)));
        return d != null ? d : new Dimension.IntRange(name, (int) low, (int) high, log);
    }

    private Object coerce(dev.sparksweep.space.Rule rule, String path, Object raw) {
        try {
            return rule.coerce(raw);
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
