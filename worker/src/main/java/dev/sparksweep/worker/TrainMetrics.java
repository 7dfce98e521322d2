package dev.sparksweep.worker;

import java.util.Locale;

/** How an epoch's training loss and accuracy are measured; validation metrics are always exact. */
public enum TrainMetrics {
    /**
     * Keras's History: the mean over the epoch's mini-batches, each from the forward pass that trained it (dropout
     * on, parameters before that batch's step), weighted by rows. Costs nothing extra.
     */
    RUNNING,
    /** A second forward pass over the whole training split after the epoch, dropout off. */
    EXACT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
