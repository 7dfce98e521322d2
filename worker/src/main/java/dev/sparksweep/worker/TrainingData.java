package dev.sparksweep.worker;

import java.io.Serializable;

/**
 * The training and validation splits, already scaled, as row-major float arrays. This is what is broadcast to
 * the executors; the test split never leaves the driver.
 */
public record TrainingData(float[] trainX, int[] trainY, float[] valX, int[] valY, int numFeatures, int numClasses)
        implements Serializable {

    public TrainingData {
        if (trainX.length != trainY.length * numFeatures || valX.length != valY.length * numFeatures) {
            throw new IllegalArgumentException("feature arrays do not match rows x " + numFeatures);
        }
    }

    public int trainRows() {
        return trainY.length;
    }

    public int valRows() {
        return valY.length;
    }
}
