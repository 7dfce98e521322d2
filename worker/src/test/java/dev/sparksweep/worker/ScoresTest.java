package dev.sparksweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.factory.Nd4j;

/** The validation metrics against hand-worked cases and against DL4J's Evaluation and ROC. */
class ScoresTest {
    @Test
    void macroF1CountsAClassNeverPredictedAsZero() {
        // three of class 0, one of class 1, every row predicted as class 0: F1 = 6/7 and 0
        float[] probs = {.9f, .1f, .8f, .2f, .7f, .3f, .6f, .4f};
        int[] labels = {0, 0, 0, 1};
        double[] v = Scores.validation(probs, labels, 2);
        assertEquals(0.75, v[1], 1e-12);
        assertEquals((6.0 / 7.0) / 2, v[2], 1e-12);
        assertEquals(1.0, v[3], 1e-12, "the one row of class 1 has the highest class-1 probability");
    }

    @Test
    void aucCountsTiesAsHalf() {
        float[] probs = {.5f, .5f, .5f, .5f, .8f, .2f, .2f, .8f};
        int[] labels = {0, 1, 1, 0};
        // class-1 probabilities .5 .5 .2 .8; pairs (positive, negative): (1,0) a tie, 0.5; (1,3), (2,0), (2,3) 0
        assertEquals(0.125, Scores.auc(probs, labels), 1e-12);
    }

    @Test
    void aucIsNaNWithoutBothClassesAndForMoreThanTwoClasses() {
        assertTrue(Double.isNaN(Scores.auc(new float[] {.4f, .6f, .3f, .7f}, new int[] {1, 1})));
        assertTrue(Double.isNaN(Scores.validation(new float[] {.2f, .3f, .5f}, new int[] {2}, 3)[3]));
    }

    @Test
    void agreesWithDl4jOnRandomPredictions() {
        Random random = new Random(5);
        for (int k : new int[] {2, 3, 10}) {
            int n = 500;
            float[] probs = new float[n * k];
            float[] oneHot = new float[n * k];
            int[] labels = new int[n];
            for (int r = 0; r < n; r++) {
                labels[r] = random.nextInt(k);
                oneHot[r * k + labels[r]] = 1f;
                float sum = 0;
                for (int j = 0; j < k; j++) {
                    probs[r * k + j] = random.nextFloat() + (j == labels[r] ? 0.4f : 0f);
                    sum += probs[r * k + j];
                }
                for (int j = 0; j < k; j++) {
                    probs[r * k + j] /= sum;
                }
            }
            Evaluation eval = new Evaluation(k);
            eval.eval(Nd4j.create(oneHot, new long[] {n, k}, 'c'), Nd4j.create(probs, new long[] {n, k}, 'c'));
            double mean = 0;
            for (int j = 0; j < k; j++) {
                mean += eval.f1(j);
            }
            double[] v = Scores.validation(probs, labels, k);
            assertEquals(eval.accuracy(), v[1], 1e-12, k + " classes: accuracy");
            assertEquals(mean / k, v[2], 1e-9, k + " classes: macro F1, the mean of DL4J's per-class F1");
            if (k == 2) {
                ROC roc = new ROC(0);
                roc.eval(Nd4j.create(oneHot, new long[] {n, k}, 'c'), Nd4j.create(probs, new long[] {n, k}, 'c'));
                assertEquals(roc.calculateAUC(), v[3], 1e-9, "AUC against DL4J's exact ROC");
            }
        }
    }

    @Test
    void regressionMetricsAreInTheTargetsUnitsAndAgreeWithDl4jsRegressionEvaluation() {
        // standardised targets and predictions; the target's unit is 4 of these
        float[] target = {-1.5f, -0.5f, 0f, 0.5f, 1.5f};
        float[] pred = {-1f, -0.5f, 0.5f, 0.5f, 1f};
        double[] m = Scores.regression(pred, target, 4.0);
        // errors 0.5, 0, 0.5, 0, -0.5: SSE 0.75, SST 5
        assertEquals(0.15, m[0], 1e-7, "MSE of the standardised values");
        assertEquals(Math.sqrt(0.15) * 4, m[1], 1e-6, "RMSE in the target's units");
        assertEquals(0.3 * 4, m[2], 1e-6, "MAE in the target's units");
        assertEquals(1 - 0.75 / 5, m[3], 1e-7, "R²");
        org.nd4j.evaluation.regression.RegressionEvaluation eval = new org.nd4j.evaluation.regression
                .RegressionEvaluation(1);
        eval.eval(Nd4j.create(target, new long[] {5, 1}, 'c'), Nd4j.create(pred, new long[] {5, 1}, 'c'));
        assertEquals(eval.rootMeanSquaredError(0) * 4, m[1], 1e-6);
        assertEquals(eval.meanAbsoluteError(0) * 4, m[2], 1e-6);
        assertEquals(eval.rSquared(0), m[3], 1e-6);
        assertTrue(Double.isNaN(Scores.regression(pred, new float[] {1f, 1f, 1f, 1f, 1f}, 1.0)[3]),
                "R² of a constant target is undefined");
        assertTrue(Double.isNaN(Scores.regressionLoss(pred, target)[1]), "no accuracy for a regression");
    }
}
