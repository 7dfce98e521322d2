package dev.sparksweep.worker;

import java.io.Serializable;

/**
 * The training and validation splits, already scaled, as row-major float arrays. This is what is broadcast to
 * the executors; the test split never leaves the driver.
 *
 * @param classWeights per class, the weight of its rows in the training loss; null for none. Metrics never use it.
 * @param target a regression's targets, standardised; null for classification. With one, numClasses is 1 (the
 *     one linear output) and the labels are all 0.
 */
public record TrainingData(float[] trainX, int[] trainY, float[] valX, int[] valY, int numFeatures, int numClasses,
                           float[] classWeights, Target target) implements Serializable {

    /**
     * A numeric target, standardised on the training split: {@code (y - mean) / scale}. Metrics in the target's
     * own units multiply errors by {@code scale}.
     */
    public record Target(float[] train, float[] val, double mean, double scale) implements Serializable {
        public Target {
            if (!(scale > 0) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("target scale must be > 0 and mean finite, but got (mean=" + mean
                        + ", scale=" + scale + ")");
            }
        }

        /** A value in the target's own units from a standardised one. */
        public double unscale(double standardised) {
            return mean + scale * standardised;
        }
    }

    public TrainingData {
        if (target != null && (target.train().length != trainY.length || target.val().length != valY.length
                || numClasses != 1 || classWeights != null)) {
            throw new IllegalArgumentException("a regression target needs one value per row, one output and no "
                    + "class weights");
        }
        if (trainX.length != trainY.length * numFeatures || valX.length != valY.length * numFeatures) {
            throw new IllegalArgumentException("feature arrays do not match rows x " + numFeatures);
        }
        if (classWeights != null && classWeights.length != numClasses) {
            throw new IllegalArgumentException("class weights must be one per class (" + numClasses + "), but got "
                    + classWeights.length);
        }
    }

    public TrainingData(float[] trainX, int[] trainY, float[] valX, int[] valY, int numFeatures, int numClasses) {
        this(trainX, trainY, valX, valY, numFeatures, numClasses, null, null);
    }

    public TrainingData(float[] trainX, int[] trainY, float[] valX, int[] valY, int numFeatures, int numClasses,
                        float[] classWeights) {
        this(trainX, trainY, valX, valY, numFeatures, numClasses, classWeights, null);
    }

    /** A regression on standardised targets: one linear output, labels all 0. */
    public static TrainingData regression(float[] trainX, float[] valX, int numFeatures, Target target) {
        return new TrainingData(trainX, new int[target.train().length], valX, new int[target.val().length],
                numFeatures, 1, null, target);
    }

    public boolean regression() {
        return target != null;
    }

    /**
     * scikit-learn's "balanced" weights over the training labels: rows / (classes x rows of the class), so every
     * class weighs the same in the loss; 0 for a class without training rows.
     */
    public static float[] balancedWeights(int[] trainY, int numClasses) {
        long[] counts = new long[numClasses];
        for (int y : trainY) {
            counts[y]++;
        }
        float[] w = new float[numClasses];
        for (int k = 0; k < numClasses; k++) {
            w[k] = counts[k] == 0 ? 0f : (float) (trainY.length / ((double) numClasses * counts[k]));
        }
        return w;
    }

    public int trainRows() {
        return trainY.length;
    }

    public int valRows() {
        return valY.length;
    }
}
