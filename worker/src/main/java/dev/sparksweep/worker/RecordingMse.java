package dev.sparksweep.worker;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** DL4J's mean squared error, keeping every batch's squared errors as {@link RecordingLoss} keeps cross-entropy. */
final class RecordingMse extends LossMSE implements ScoreRecording {
    private final transient Scores scores = new Scores();

    @Override
    public Scores scores() {
        return scores;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        float[] pred = Nd4j.toFlattened('c', activationFn.getActivation(preOutput.dup(), true)).toFloatVector();
        float[] t = Nd4j.toFlattened('c', labels).toFloatVector();
        for (int i = 0; i < t.length; i++) {
            scores.addError(pred[i], t[i]);
        }
        return super.computeScore(labels, preOutput, activationFn, mask, average);
    }
}
