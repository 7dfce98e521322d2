package dev.sparksweep.search.tpe;

import java.util.List;

/**
 * One dimension as TPE models it. Numeric axes work in the internal coordinate: the logarithm on a log scale,
 * and for integers the range widened by half a step each side so that every integer has the same share.
 */
sealed interface Axis permits Axis.Numeric, Axis.Categorical {
    String name();

    record Numeric(String name, double low, double high, boolean log, boolean integer) implements Axis {
        /** Bounds in the internal coordinate. */
        double innerLow() {
            double l = integer ? low - 0.5 : low;
            return log ? Math.log(l) : l;
        }

        double innerHigh() {
            double h = integer ? high + 0.5 : high;
            return log ? Math.log(h) : h;
        }

        double toInner(double v) {
            return log ? Math.log(v) : v;
        }

        /** A value of the dimension from an internal coordinate: back from the log, rounded and kept in bounds. */
        Object toValue(double inner) {
            double v = log ? Math.exp(inner) : inner;
            if (integer) {
                return (int) Math.max(low, Math.min(high, Math.round(v)));
            }
            return Math.max(low, Math.min(high, v));
        }
    }

    record Categorical(String name, List<Object> options) implements Axis {
        public Categorical {
            options = List.copyOf(options);
        }
    }
}
