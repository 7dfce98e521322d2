package dev.sparksweep.worker;

/** Mean cross-entropy and accuracy of softmax outputs against integer labels, accumulated row by row. */
final class Scores {
    /** Probabilities are clipped here before the log, as Keras does. */
    static final double EPSILON = 1e-7;

    private double loss;
    private long correct;
    private long rows;

    /** Returns {mean cross-entropy, accuracy} of row-major {@code probs} (rows x classes). */
    static double[] lossAndAccuracy(float[] probs, int[] labels, int numClasses) {
        Scores s = new Scores();
        for (int r = 0; r < labels.length; r++) {
            s.add(probs, r * numClasses, numClasses, labels[r]);
        }
        return s.mean();
    }

    /** Adds one row: {@code probs[base .. base + numClasses)} against {@code label}. */
    void add(float[] probs, int base, int numClasses, int label) {
        int argmax = 0;
        for (int k = 1; k < numClasses; k++) {
            if (probs[base + k] > probs[base + argmax]) {
                argmax = k;
            }
        }
        if (argmax == label) {
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
    }

    /** {mean loss, accuracy} of the rows added since the last reset; NaN for none. */
    double[] mean() {
        return rows == 0 ? new double[] {Double.NaN, Double.NaN}
                : new double[] {loss / rows, (double) correct / rows};
    }
}
