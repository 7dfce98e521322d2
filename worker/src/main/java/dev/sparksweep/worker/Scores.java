package dev.sparksweep.worker;

/**
 * Mean cross-entropy and accuracy of softmax outputs against integer labels, or the squared error of a regression's
 * standardised outputs against its targets, accumulated row by row.
 */
final class Scores {
    /** Probabilities are clipped here before the log, as Keras does. */
    static final double EPSILON = 1e-7;

    private double loss;
    private long correct;
    private long rows;
    private boolean regression;

    /**
     * A regression's {MSE, RMSE, MAE, R²} of standardised {@code pred} against standardised {@code target}: MSE as
     * is (the loss), RMSE and MAE in the target's units ({@code scale} times), and R² = 1 - SSE / SST about the
     * targets' own mean (NaN when they are all equal).
     */
    static double[] regression(float[] pred, float[] target, double scale) {
        int n = target.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        double sse = 0;
        double sae = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double e = (double) pred[i] - target[i];
            sse += e * e;
            sae += Math.abs(e);
            mean += target[i];
        }
        mean /= n;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double d = target[i] - mean;
            sst += d * d;
        }
        double mse = sse / n;
        return new double[] {mse, Math.sqrt(mse) * scale, sae / n * scale, sst > 0 ? 1 - sse / sst : Double.NaN};
    }

    /** {MSE, NaN}: a regression's training metrics in the shape {@link #mean()} gives them. */
    static double[] regressionLoss(float[] pred, float[] target) {
        Scores s = new Scores();
        for (int i = 0; i < target.length; i++) {
            s.addError(pred[i], target[i]);
        }
        return s.mean();
    }

    /** Adds one regression row: the squared error of a standardised output. */
    void addError(float pred, float target) {
        double e = (double) pred - target;
        loss += e * e;
        rows++;
        regression = true;
    }

    /** Returns {mean cross-entropy, accuracy} of row-major {@code probs} (rows x classes). */
    static double[] lossAndAccuracy(float[] probs, int[] labels, int numClasses) {
        Scores s = new Scores();
        for (int r = 0; r < labels.length; r++) {
            s.add(probs, r * numClasses, numClasses, labels[r]);
        }
        return s.mean();
    }

    /**
     * Returns {mean cross-entropy, accuracy, macro F1, AUC} of row-major {@code probs} (rows x classes). Macro F1 is
     * the mean over classes of 2TP / (2TP + FP + FN), leaving out a class that is neither present nor predicted
     * (scikit-learn's definition). AUC, for two classes only (NaN otherwise), is the probability that a row of
     * class 1 gets a higher class-1 probability than a row of class 0, ties counting half.
     */
    static double[] validation(float[] probs, int[] labels, int numClasses) {
        double[] la = lossAndAccuracy(probs, labels, numClasses);
        return new double[] {la[0], la[1], macroF1(probs, labels, numClasses),
                numClasses == 2 ? auc(probs, labels) : Double.NaN};
    }

    static double macroF1(float[] probs, int[] labels, int numClasses) {
        long[] tp = new long[numClasses];
        long[] fp = new long[numClasses];
        long[] fn = new long[numClasses];
        for (int r = 0; r < labels.length; r++) {
            int p = argmax(probs, r * numClasses, numClasses);
            if (p == labels[r]) {
                tp[p]++;
            } else {
                fp[p]++;
                fn[labels[r]]++;
            }
        }
        double sum = 0;
        int classes = 0;
        for (int k = 0; k < numClasses; k++) {
            long d = 2 * tp[k] + fp[k] + fn[k];
            if (d > 0) {
                sum += 2.0 * tp[k] / d;
                classes++;
            }
        }
        return classes == 0 ? Double.NaN : sum / classes;
    }

    /** The Mann-Whitney statistic over the rows' class-1 probabilities; NaN if a class has no rows. */
    static double auc(float[] probs, int[] labels) {
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(probs[a * 2 + 1], probs[b * 2 + 1]));
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            float v = probs[order[i] * 2 + 1];
            while (j < n && Float.compare(probs[order[j] * 2 + 1], v) == 0) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0; // the mean of ranks i+1 .. j
            for (int t = i; t < j; t++) {
                if (labels[order[t]] == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static int argmax(float[] probs, int base, int numClasses) {
        int argmax = 0;
        for (int k = 1; k < numClasses; k++) {
            if (probs[base + k] > probs[base + argmax]) {
                argmax = k;
            }
        }
        return argmax;
    }

    /** Adds one row: {@code probs[base .. base + numClasses)} against {@code label}. */
    void add(float[] probs, int base, int numClasses, int label) {
        if (argmax(probs, base, numClasses) == label) {
            correct++;
        }
        // Math.max/min pass NaN through, so a diverged row makes the loss NaN
        loss -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, probs[base + label])));
        rows++;
    }

    void reset() {
        loss = 0;
        correct = 0;
        rows = 0;
        regression = false;
    }

    /** {mean loss, accuracy} of the rows added since the last reset; NaN for none, and accuracy for regression. */
    double[] mean() {
        return rows == 0 ? new double[] {Double.NaN, Double.NaN}
                : new double[] {loss / rows, regression ? Double.NaN : (double) correct / rows};
    }
}
