package dev.sparksweep.worker;

/**
 * The seam between a trial's loop (epochs, metrics, early stopping: {@link CandidateTrainer}) and what does the
 * arithmetic. Both engines shuffle the training rows each epoch with the same seeded order
 * ({@link EpochOrder}), take the same optimiser steps, and speak the same {@link Checkpoint} format, so a trial
 * can stop in one engine and continue in the other.
 */
public interface TrainingEngine {

    /** Starts a candidate from fresh parameters (from == null) or from a checkpoint. */
    Session open(Candidate c, TrainingData data, Checkpoint from);

    static TrainingEngine of(Engine e) {
        return switch (e) {
            case DL4J -> new Dl4jEngine();
            case JVM -> new JvmEngine();
            case AUTO -> throw new IllegalArgumentException("resolve AUTO first");
        };
    }

    /** One candidate being trained. Not thread-safe: one trial, one thread. */
    interface Session {
        /** Trains epoch number {@code epoch} (1-based): every training row once, in mini-batches. */
        void trainEpoch(int epoch);

        /** Softmax outputs for {@code rows} row-major inputs, with dropout off. */
        float[] predict(float[] x, int rows);

        /** The state after the epochs trained so far. */
        Checkpoint checkpoint();

        /** Optimiser steps taken by this session. */
        long steps();

        /** Frees what the session holds outside the JVM heap (files, cluster state); called once, at the end. */
        default void close() {
        }
    }
}
