package dev.sparksweep.worker;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's multi-class cross-entropy, which also keeps the loss and accuracy of every batch it scores. DL4J scores
 * each batch in fit() from the forward pass it trains with, so this gives the DL4J engine the same
 * {@link TrainMetrics#RUNNING} metrics as the JVM engine. Used only for training, never in an exported model.
 */
final class RecordingLoss extends LossMCXENT implements ScoreRecording {
    private final transient Scores scores = new Scores();

    RecordingLoss() {
    }

    /** @param weights per class, the weight of its rows in the loss (the recorded metrics stay unweighted) */
    RecordingLoss(INDArray weights) {
        super(weights);
    }

    @Override
    public Scores scores() {
        return scores;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        int k = (int) labels.size(1);
        float[] probs = Nd4j.toFlattened('c', activationFn.getActivation(preOutput.dup(), true)).toFloatVector();
        float[] oneHot = Nd4j.toFlattened('c', labels).toFloatVector();
        for (int base = 0; base < oneHot.length; base += k) {
            int y = 0;
            while (y < k - 1 && oneHot[base + y] == 0f) {
                y++;
            }
            scores.add(probs, base, k, y);
        }
        return super.computeScore(labels, preOutput, activationFn, mask, average);
    }
}
