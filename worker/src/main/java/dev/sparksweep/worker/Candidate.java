package dev.sparksweep.worker;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to try: one point of the search space, fully resolved.
 *
 * @param batchSize rows per step; {@link #FULL_BATCH} means the whole training split
 * @param epochs the most epochs this candidate may train
 * @param dropout fraction of units dropped after each hidden layer (Keras semantics)
 * @param earlyStopping null when the candidate trains all its epochs
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
        long seed) implements Serializable {

    public static final int FULL_BATCH = 0;

    /** The hyperparameters by their config key, in config order, for ids, journals and leaderboards. */
    public Map<String, Object> hyperparameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden_layers", hiddenLayers);
        m.put("width", width);
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
