package dev.sparksweep.results;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The winner's one look at the test split, measured with DL4J's Evaluation. */
public record TestEvaluation(
        String trialId,
        int rows,
        double accuracy,
        double macroF1,
        List<ClassMetrics> perClass,
        List<String> labels,
        int[][] confusionMatrix) {

    /** @param support the number of test rows of this class */
    public record ClassMetrics(String label, double precision, double recall, double f1, int support) {
    }

    public static TestEvaluation evaluate(String trialId, MultiLayerNetwork net, float[] x, int[] y,
                                          int numFeatures, List<String> labels) {
        int k = labels.size();
        INDArray features = Nd4j.create(x, new long[] {y.length, numFeatures}, 'c');
        float[] oneHot = new float[y.length * k];
        for (int i = 0; i < y.length; i++) {
            oneHot[i * k + y[i]] = 1f;
        }
        Evaluation eval = new Evaluation(labels);
        eval.eval(Nd4j.create(oneHot, new long[] {y.length, k}, 'c'), net.output(features, false));
        int[][] cm = new int[k][k];
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                cm[a][p] = eval.getConfusionMatrix().getCount(a, p);
            }
        }
        List<ClassMetrics> perClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int support = 0;
            for (int p = 0; p < k; p++) {
                support += cm[c][p];
            }
            perClass.add(new ClassMetrics(labels.get(c), eval.precision(c), eval.recall(c), eval.f1(c), support));
        }
        return new TestEvaluation(trialId, y.length, eval.accuracy(), eval.f1(EvaluationAveraging.Macro),
                perClass, List.copyOf(labels), cm);
    }
}
