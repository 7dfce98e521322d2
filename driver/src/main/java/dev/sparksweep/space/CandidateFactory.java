package dev.sparksweep.space;

import dev.sparksweep.common.Sha256;
import dev.sparksweep.worker.Activation;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.EarlyStopping;
import dev.sparksweep.worker.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a point of the space into a Candidate whose id is a hash of its hyperparameters and seed. */
public final class CandidateFactory {
    private CandidateFactory() {
    }

    public static Candidate create(Map<String, Object> point, long seed) {
        int hidden = (Integer) value(point, Hyperparameter.HIDDEN_LAYERS);
        List<Integer> layerWidths = new ArrayList<>();
        if (point.containsKey(layerWidthKey(0))) {
            for (int l = 0; l < hidden; l++) {
                layerWidths.add((Integer) point.get(layerWidthKey(l)));
            }
        }
        Candidate unnamed = new Candidate("",
                hidden,
                layerWidths.isEmpty() ? (Integer) value(point, Hyperparameter.WIDTH) : layerWidths.get(0),
                (Activation) value(point, Hyperparameter.ACTIVATION),
                (Integer) value(point, Hyperparameter.BATCH_SIZE),
                (Integer) value(point, Hyperparameter.EPOCHS),
                (Optimizer) value(point, Hyperparameter.OPTIMIZER),
                (Double) value(point, Hyperparameter.LEARNING_RATE),
                (Double) value(point, Hyperparameter.DROPOUT),
                (Double) value(point, Hyperparameter.L1),
                (Double) value(point, Hyperparameter.L2),
                value(point, Hyperparameter.EARLY_STOPPING) instanceof EarlyStopping es ? es : null,
                seed, layerWidths);
        return new Candidate(idOf(unnamed), unnamed.hiddenLayers(), unnamed.width(), unnamed.activation(),
                unnamed.batchSize(), unnamed.epochs(), unnamed.optimizer(), unnamed.learningRate(), unnamed.dropout(),
                unnamed.l1(), unnamed.l2(), unnamed.earlyStopping(), seed, unnamed.layerWidths());
    }

    /** The space dimension of hidden layer {@code layer}'s width (0-based) under {@code widths:}. */
    public static String layerWidthKey(int layer) {
        return "width_" + (layer + 1);
    }

    /** "c" and 10 hex digits of SHA-256 over the canonical hyperparameters and the seed. */
    public static String idOf(Candidate c) {
        String canonical = c.hyperparameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";")) + ";seed=" + c.seed();
        return "c" + Sha256.hex(canonical).substring(0, 10);
    }

    private static Object value(Map<String, Object> point, Hyperparameter h) {
        return point.getOrDefault(h.key(), h.defaultValue());
    }
}
