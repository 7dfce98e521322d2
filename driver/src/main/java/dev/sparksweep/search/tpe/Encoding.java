package dev.sparksweep.search.tpe;

import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A search space as TPE's axes: the dimensions that vary, and the fixed values that complete a point. */
final class Encoding {
    private final List<Axis> axes = new ArrayList<>();
    private final Map<String, Object> fixed = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();

    Encoding(SearchSpace space) {
        for (Dimension d : space.dimensions()) {
            order.add(d.name());
            if (d instanceof Dimension.Fixed f) {
                fixed.put(f.name(), f.value());
            } else if (d instanceof Dimension.Choice c) {
                axes.add(new Axis.Categorical(c.name(), c.options()));
            } else if (d instanceof Dimension.IntRange r) {
                axes.add(new Axis.Numeric(r.name(), r.low(), r.high(), r.log(), true));
            } else if (d instanceof Dimension.DoubleRange r) {
                axes.add(new Axis.Numeric(r.name(), r.low(), r.high(), r.log(), false));
            }
        }
    }

    List<Axis> axes() {
        return axes;
    }

    double[] encode(Map<String, Object> point) {
        double[] x = new double[axes.size()];
        for (int d = 0; d < x.length; d++) {
            Object v = point.get(axes.get(d).name());
            x[d] = axes.get(d) instanceof Axis.Numeric a ? a.toInner(((Number) v).doubleValue())
                    : ((Axis.Categorical) axes.get(d)).options().indexOf(v);
        }
        return x;
    }

    /** The point at {@code x}, its dimensions in the space's order. */
    Map<String, Object> decode(double[] x) {
        Map<String, Object> values = new LinkedHashMap<>(fixed);
        for (int d = 0; d < x.length; d++) {
            Object v = axes.get(d) instanceof Axis.Numeric a ? a.toValue(x[d])
                    : ((Axis.Categorical) axes.get(d)).options().get((int) x[d]);
            values.put(axes.get(d).name(), v);
        }
        Map<String, Object> point = new LinkedHashMap<>();
        order.forEach(k -> point.put(k, values.get(k)));
        return point;
    }

    /** Moves {@code x} to the point it stands for (integers rounded), so that l and g score what will run. */
    double[] snap(double[] x) {
        return encode(decode(x));
    }
}
