package dev.sparksweep.worker;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What to try: one point of the search space, fully resolved.
 *
 * @param batchSize rows per step; {@link #FULL_BATCH} means the whole training split
 * @param epochs the most epochs this candidate may train
 * @param dropout fraction of units dropped after each hidden layer (Keras semantics)
 * @param earlyStopping null when the candidate trains all its epochs
 * @param layerWidths one width per hidden layer when they differ; empty when every hidden layer has {@code width}
 */
public record Candidate(
        String id,
        int hiddenLayers,
        int width,
        Activation activation,
        int batchSize,
        int epochs,
        Optimizer optimizer,
        double learningRate,
        double dropout,
        double l1,
        double l2,
        EarlyStopping earlyStopping,
        long seed,
        List<Integer> layerWidths) implements Serializable {

    public static final int FULL_BATCH = 0;

    public Candidate {
        layerWidths = layerWidths == null ? List.of() : List.copyOf(layerWidths);
        if (!layerWidths.isEmpty() && layerWidths.size() != hiddenLayers) {
            throw new IllegalArgumentException("one width per hidden layer: " + hiddenLayers + " layers, "
                    + layerWidths.size() + " widths");
        }
    }

    /** Every hidden layer {@code width} units wide. */
    public Candidate(String id, int hiddenLayers, int width, Activation activation, int batchSize, int epochs,
                     Optimizer optimizer, double learningRate, double dropout, double l1, double l2,
                     EarlyStopping earlyStopping, long seed) {
        this(id, hiddenLayers, width, activation, batchSize, epochs, optimizer, learningRate, dropout, l1, l2,
                earlyStopping, seed, List.of());
    }

    /** The units of hidden layer {@code layer} (0-based). */
    public int widthOf(int layer) {
        return layerWidths.isEmpty() ? width : layerWidths.get(layer);
    }

    /** The hyperparameters by their config key, in config order, for ids, journals and leaderboards. */
    public Map<String, Object> hyperparameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden_layers", hiddenLayers);
        m.put("width", layerWidths.isEmpty() ? (Object) width
                : layerWidths.stream().map(String::valueOf).collect(Collectors.joining("-")));
        m.put("activation", activation.key());
        m.put("batch_size", batchSize == FULL_BATCH ? "full" : batchSize);
        m.put("epochs", epochs);
        m.put("optimizer", optimizer.key());
        m.put("learning_rate", learningRate);
        m.put("dropout", dropout);
        m.put("l1", l1);
        m.put("l2", l2);
        m.put("early_stopping", earlyStopping == null ? "none"
                : earlyStopping.monitor().key() + "/" + earlyStopping.patience() + "/" + earlyStopping.minDelta());
        return m;
    }
}
