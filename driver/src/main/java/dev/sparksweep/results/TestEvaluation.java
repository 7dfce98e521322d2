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
 * The winner's one look at the test split, measured with DL4J's evaluations. A classification has Evaluation's
 * accuracy, per-class metrics and confusion matrix, and, for two classes, its exact ROC ({@code auc}, null
 * otherwise). {@code macroF1} is the mean of the per-class F1 over the classes present or predicted, as
 * scikit-learn and the validation metric define it; DL4J's own macro F1 of two classes is the F1 of class 1 alone.
 * A regression has RegressionEvaluation's {@code rmse}, {@code mae} (in the target's units) and {@code r2}, and
 * the first {@link #MAX_POINTS} test rows' actual and predicted values for the report's plots; it has no accuracy.
 */
public record TestEvaluation(
        String trialId,
        int rows,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = NaN.class) Double accuracy,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = NaN.class) Double macroF1,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClassMetrics> perClass,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> labels,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) int[][] confusionMatrix,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double auc,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double rmse,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double mae,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double r2,
        @JsonInclude(JsonInclude.Include.NON_NULL) Points points) {
    /** The most test rows whose values a regression's test-metrics.json keeps for the plots. */
    public static final int MAX_POINTS = 2000;

    public TestEvaluation {
        accuracy = accuracy == null ? Double.NaN : accuracy;
        macroF1 = macroF1 == null ? Double.NaN : macroF1;
        perClass = perClass == null ? List.of() : List.copyOf(perClass);
        labels = labels == null ? List.of() : List.copyOf(labels);
        confusionMatrix = confusionMatrix == null ? new int[0][0] : confusionMatrix;
    }

    public boolean regression() {
        return rmse != null;
    }

    /** Leaves a NaN metric (one the task does not have) out of the JSON. */
    static final class NaN {
        @Override
        public boolean equals(Object o) {
            return o instanceof Double d && d.isNaN();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** Actual and predicted values of test rows, in the target's units. */
    public record Points(double[] actual, double[] predicted) {
    }

    /** A regression's test metrics: the net's standardised outputs in the target's units against {@code y}. */
    public static TestEvaluation regression(String trialId, MultiLayerNetwork net, float[] x, double[] y,
                                            int numFeatures, dev.sparksweep.worker.TrainingData.Target target) {
        int n = y.length;
        float[] out = Nd4j.toFlattened('c', net.output(Nd4j.create(x, new long[] {n, numFeatures}, 'c'), false))
                .toFloatVector();
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = target.unscale(out[i]);
        }
        org.nd4j.evaluation.regression.RegressionEvaluation eval =
                new org.nd4j.evaluation.regression.RegressionEvaluation(1);
        eval.eval(Nd4j.create(y, new long[] {n, 1}, 'c'), Nd4j.create(predicted, new long[] {n, 1}, 'c'));
        int kept = Math.min(n, MAX_POINTS);
        return new TestEvaluation(trialId, n, Double.NaN, Double.NaN, List.of(), List.of(), new int[0][0], null,
                eval.rootMeanSquaredError(0), eval.meanAbsoluteError(0), eval.rSquared(0),
                new Points(java.util.Arrays.copyOf(y, kept), java.util.Arrays.copyOf(predicted, kept)));
    }

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
                perClass, List.copyOf(labels), cm, auc, null, null, null, null);
    }
}
