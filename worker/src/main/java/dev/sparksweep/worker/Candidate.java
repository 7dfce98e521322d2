package dev.sparksweep.worker;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to try: one point of the search space, fully resolved. {@code values} holds each hyperparameter's typed
 * value by its config key; the driver's space defines the keys, their defaults, rules and how they are shown,
 * and the accessors below are the trainer's typed view of them.
 *
 * <p>{@code widths} (one width per hidden layer) is present only when the layers differ, and
 * {@code early_stopping} only when the candidate stops early.
 */
public record Candidate(String id, Map<String, Object> values, long seed) implements Serializable {

    public static final int FULL_BATCH = 0;

    public Candidate {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        List<?> widths = (List<?>) values.get("widths");
        if (widths != null && widths.size() != (Integer) values.get("hidden_layers")) {
            throw new IllegalArgumentException("one width per hidden layer: " + values.get("hidden_layers")
                    + " layers, " + widths.size() + " widths");
        }
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** This candidate under another id. */
    public Candidate withId(String newId) {
        return new Candidate(newId, values, seed);
    }

    /** The value of {@code key}, which must be set. */
    public <T> T value(String key, Class<T> type) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("candidate " + id + " has no " + key);
        }
        return type.cast(v);
    }

    public int hiddenLayers() {
        return value("hidden_layers", Integer.class);
    }

    /** Every hidden layer's units, or the first layer's when they differ. */
    public int width() {
        return value("width", Integer.class);
    }

    /** One width per hidden layer when they differ; empty when every hidden layer has {@link #width()}. */
    @SuppressWarnings("unchecked")
    public List<Integer> layerWidths() {
        return (List<Integer>) values.getOrDefault("widths", List.of());
    }

    /** The units of hidden layer {@code layer} (0-based). */
    public int widthOf(int layer) {
        return layerWidths().isEmpty() ? width() : layerWidths().get(layer);
    }

    public Activation activation() {
        return value("activation", Activation.class);
    }

    /** Rows per step; {@link #FULL_BATCH} means the whole training split. */
    public int batchSize() {
        return value("batch_size", Integer.class);
    }

    /** The most epochs this candidate may train. */
    public int epochs() {
        return value("epochs", Integer.class);
    }

    public Optimizer optimizer() {
        return value("optimizer", Optimizer.class);
    }

    public double learningRate() {
        return value("learning_rate", Double.class);
    }

    /** Fraction of units dropped after each hidden layer (Keras semantics). */
    public double dropout() {
        return value("dropout", Double.class);
    }

    public double l1() {
        return value("l1", Double.class);
    }

    public double l2() {
        return value("l2", Double.class);
    }

    /** Null when the candidate trains all its epochs. */
    public EarlyStopping earlyStopping() {
        return (EarlyStopping) values.get("early_stopping");
    }

    /** Sets values by their typed accessors' names, for code that builds a candidate by hand (benchmarks, tests). */
    public static final class Builder {
        private final String id;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private long seed;

        private Builder(String id) {
            this.id = id;
        }

        public Builder set(String key, Object value) {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
            return this;
        }

        public Builder hiddenLayers(int v) {
            return set("hidden_layers", v);
        }

        public Builder width(int v) {
            return set("width", v);
        }

        /** Per-layer widths; the first is also {@link Candidate#width()}. */
        public Builder layerWidths(List<Integer> v) {
            set("widths", v.isEmpty() ? null : List.copyOf(v));
            return v.isEmpty() ? this : width(v.get(0));
        }

        public Builder activation(Activation v) {
            return set("activation", v);
        }

        public Builder batchSize(int v) {
            return set("batch_size", v);
        }

        public Builder epochs(int v) {
            return set("epochs", v);
        }

        public Builder optimizer(Optimizer v) {
            return set("optimizer", v);
        }

        public Builder learningRate(double v) {
            return set("learning_rate", v);
        }

        public Builder dropout(double v) {
            return set("dropout", v);
        }

        public Builder l1(double v) {
            return set("l1", v);
        }

        public Builder l2(double v) {
            return set("l2", v);
        }

        public Builder earlyStopping(EarlyStopping v) {
            return set("early_stopping", v);
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public Candidate build() {
            return new Candidate(id, values, seed);
        }
    }
}
