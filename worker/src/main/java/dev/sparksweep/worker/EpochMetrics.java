package dev.sparksweep.worker;

import java.io.Serializable;

/** What one epoch ended with; losses are mean cross-entropy without regularisation terms. */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy)
        implements Serializable {
}
