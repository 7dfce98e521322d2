package dev.sparksweep.worker;

import java.io.Serializable;

/**
 * Stop when {@code monitor} has not improved by more than {@code minDelta} for {@code patience} epochs in a
 * row, then restore the best epoch's parameters (Keras's EarlyStopping with restore_best_weights).
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta) implements Serializable {
}
