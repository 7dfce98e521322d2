package dev.sparksweep.worker;

import java.io.Serializable;

/**
 * The training and validation splits, already scaled, as row-major float arrays. This is what is broadcast to
 * the executors; the test split never leaves the driver.
 *
 * @param classWeights per class, the weight of its rows in the training loss; null for none. Metrics never use it.
 */
public record TrainingData(float[] trainX, int[] trainY, float[] valX, int[] valY, int numFeatures, int numClasses,
                           float[] classWeights) implements Serializable {

    public TrainingData {
        if (trainX.length != trainY.length * numFeatures || valX.length != valY.length * numFeatures) {
            throw new IllegalArgumentException("feature arrays do not match rows x " + numFeatures);
        }
        if (classWeights != null && classWeights.length != numClasses) {
            throw new IllegalArgumentException("class weights must be one per class (" + numClasses + "), but got "
                    + classWeights.length);
        }
    }

    public TrainingData(float[] trainX, int[] trainY, float[] valX, int[] valY, int numFeatures, int numClasses) {
        this(trainX, trainY, valX, valY, numFeatures, numClasses, null);
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
