package dev.sparksweep.worker;

/**
 * The seam between a trial's loop (epochs, metrics, early stopping: {@link CandidateTrainer}) and what does the
 * arithmetic. Every engine shuffles the training rows each epoch with the same seeded order
 * ({@link EpochOrder}), takes the same optimiser steps, and speaks the same {@link Checkpoint} format, so a trial
 * can stop in one engine and continue in another.
 */
public interface TrainingEngine extends EngineChoice {

    /** The engine's name in journals and on the console: jvm, dl4j, dl4j-spark. */
    String key();

    /** Starts a candidate from fresh parameters (from == null) or from a checkpoint. */
    Session open(Candidate c, TrainingData data, Checkpoint from);

    @Override
    default TrainingEngine engineFor(Candidate c, TrainingData data) {
        return this;
    }

    /** One candidate being trained. Not thread-safe: one trial, one thread. */
    interface Session {
        /** Trains epoch number {@code epoch} (1-based): every training row once, in mini-batches. */
        void trainEpoch(int epoch);

        /**
         * {mean loss, accuracy} over the mini-batches of the last {@link #trainEpoch}, as {@link TrainMetrics#RUNNING}
         * defines them; null when the engine does not keep them (the caller then measures them exactly).
         */
        default double[] runningMetrics() {
            return null;
        }

        /** Softmax outputs (a regression's standardised values) for {@code rows} row-major inputs, dropout off. */
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
