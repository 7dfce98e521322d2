package dev.sparksweep.worker;

import java.io.Serializable;

/**
 * What one epoch ended with; losses are without regularisation terms or class weights: mean cross-entropy for
 * classification, the mean squared error of the standardised target for regression. A metric is NaN where not
 * measured: accuracy, macro F1 and AUC (two classes only) for classification, RMSE, MAE (in the target's units)
 * and R² for regression, and the newer ones in runs written before they were recorded (null in their files).
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                           Double valMacroF1, Double valAuc, Double valRmse, Double valMae, Double valR2)
        implements Serializable {

    public EpochMetrics {
        valMacroF1 = valMacroF1 == null ? Double.NaN : valMacroF1;
        valAuc = valAuc == null ? Double.NaN : valAuc;
        valRmse = valRmse == null ? Double.NaN : valRmse;
        valMae = valMae == null ? Double.NaN : valMae;
        valR2 = valR2 == null ? Double.NaN : valR2;
    }

    public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                        Double valMacroF1, Double valAuc) {
        this(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, valMacroF1, valAuc, Double.NaN, Double.NaN,
                Double.NaN);
    }

    /** A regression epoch: no accuracy, macro F1 or AUC. */
    public static EpochMetrics regression(int epoch, double trainLoss, double valLoss, double valRmse, double valMae,
                                          double valR2) {
        return new EpochMetrics(epoch, trainLoss, Double.NaN, valLoss, Double.NaN, Double.NaN, Double.NaN, valRmse,
                valMae, valR2);
    }

    public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy) {
        this(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, Double.NaN, Double.NaN);
    }
}
