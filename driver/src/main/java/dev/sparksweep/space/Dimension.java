package dev.sparksweep.space;

import java.util.List;

/** One axis of a search space. A list in the config is a Choice, a scalar is Fixed, a map a distribution. */
public sealed interface Dimension permits Dimension.Fixed, Dimension.Choice, Dimension.DoubleRange, Dimension.IntRange {

    String name();

    /** True when the dimension has a finite list of values, so a grid can enumerate it. */
    default boolean isDiscrete() {
        return this instanceof Fixed || this instanceof Choice;
    }

    /** The values a grid enumerates; only for discrete dimensions. */
    default List<Object> values() {
        if (this instanceof Fixed f) {
            return List.of(f.value());
        }
        if (this instanceof Choice c) {
            return c.options();
        }
        throw new IllegalStateException(name() + " is a distribution, not a list");
    }

    record Fixed(String name, Object value) implements Dimension {
    }

    record Choice(String name, List<Object> options) implements Dimension {
        public Choice {
            options = List.copyOf(options);
        }
    }

    /** Uniform on [low, high], or log-uniform when {@code log}. */
    record DoubleRange(String name, double low, double high, boolean log) implements Dimension {
        public DoubleRange {
            checkBounds(low, high, log);
        }
    }

    /** Integers in [low, high], uniform or log-uniform. */
    record IntRange(String name, int low, int high, boolean log) implements Dimension {
        public IntRange {
            checkBounds(low, high, log);
        }
    }

    /** A range's rule: low < high, and low > 0 on a log scale. */
    static void checkBounds(double low, double high, boolean log) {
        String got = "(low=" + low + ", high=" + high + ")";
        if (!(low < high)) {
            throw new InvalidValueException("", "low < high must hold", got);
        }
        if (log && !(low > 0)) {
            throw new InvalidValueException("", "a log scale needs low > 0", got);
        }
    }
}
