package dev.sparksweep.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The winner's one look at the test split, measured with DL4J's Evaluation (and, for two classes, its exact ROC:
 * {@code auc}, null otherwise). {@code macroF1} is the mean of the per-class F1 over the classes present or
 * predicted, as scikit-learn and the validation metric define it; DL4J's own macro F1 of two classes is the F1
 * of class 1 alone.
 */
public record TestEvaluation(
        String trialId,
        int rows,
        double accuracy,
        double macroF1,
        List<ClassMetrics> perClass,
        List<String> labels,
        int[][] confusionMatrix,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double auc) {

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
        INDArray output = net.output(features, false);
        eval.eval(Nd4j.create(oneHot, new long[] {y.length, k}, 'c'), output);
        int[][] cm = new int[k][k];
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                cm[a][p] = eval.getConfusionMatrix().getCount(a, p);
            }
        }
        List<ClassMetrics> perClass = new ArrayList<>();
        double f1 = 0;
        int counted = 0;
        for (int c = 0; c < k; c++) {
            int support = 0;
            int predicted = 0;
            for (int p = 0; p < k; p++) {
                support += cm[c][p];
                predicted += cm[p][c];
            }
            perClass.add(new ClassMetrics(labels.get(c), eval.precision(c), eval.recall(c), eval.f1(c), support));
            if (support + predicted > 0) {
                f1 += eval.f1(c);
                counted++;
            }
        }
        Double auc = null;
        if (k == 2) {
            ROC roc = new ROC(0);
            roc.eval(Nd4j.create(oneHot, new long[] {y.length, k}, 'c'), output);
            auc = roc.calculateAUC();
        }
        return new TestEvaluation(trialId, y.length, eval.accuracy(), counted == 0 ? Double.NaN : f1 / counted,
                perClass, List.copyOf(labels), cm, auc);
    }
}
