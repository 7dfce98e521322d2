package dev.sparksweep.worker;

import java.io.Serializable;

/**
 * What one epoch ended with; losses are mean cross-entropy without regularisation terms or class weights.
 * {@code valMacroF1} and {@code valAuc} are NaN where not measured: AUC for two classes only, and neither in runs
 * written before they were recorded (null in their files).
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                           Double valMacroF1, Double valAuc) implements Serializable {

    public EpochMetrics {
        valMacroF1 = valMacroF1 == null ? Double.NaN : valMacroF1;
        valAuc = valAuc == null ? Double.NaN : valAuc;
    }

    public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy) {
        this(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, Double.NaN, Double.NaN);
    }
}
