package dev.sparksweep.worker;

/** Loss and accuracy of softmax outputs against integer labels. */
final class Scores {
    /** Probabilities are clipped here before the log, as Keras does. */
    static final double EPSILON = 1e-7;

    private Scores() {
    }

    /** Returns {mean cross-entropy, accuracy} of row-major {@code probs} (rows x classes). */
    static double[] lossAndAccuracy(float[] probs, int[] labels, int numClasses) {
        double loss = 0;
        int correct = 0;
        for (int r = 0; r < labels.length; r++) {
            int base = r * numClasses;
            int argmax = 0;
            for (int k = 1; k < numClasses; k++) {
                if (probs[base + k] > probs[base + argmax]) {
                    argmax = k;
                }
            }
            if (argmax == labels[r]) {
                correct++;
            }
            float p = probs[base + labels[r]];
            loss -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, p)));
            if (Float.isNaN(p)) {
                loss = Double.NaN;
            }
        }
        return new double[] {loss / labels.length, (double) correct / labels.length};
    }
}
