package dev.sparksweep.worker;

import java.util.Random;

/**
 * How an epoch cuts the training rows into mini-batches: the identity shuffled by a generator seeded from the
 * candidate's seed and the epoch number, so that any epoch can be reproduced without replaying the ones before
 * it (a trial continued from a checkpoint sees the same order as one that never stopped), then consecutive
 * runs of {@link #batchRows} rows.
 */
public final class EpochOrder {
    private final long candidateSeed;
    private final int batch;
    private final int[] order;

    public EpochOrder(Candidate c, int trainRows) {
        this.candidateSeed = c.seed();
        this.batch = batchRows(c, trainRows);
        this.order = new int[trainRows];
    }

    /** Rows per mini-batch: the candidate's batch size, at most every training row. */
    public static int batchRows(Candidate c, int trainRows) {
        return batchRows(c, trainRows, 1);
    }

    /**
     * Rows per mini-batch on each of {@code workers} that train one candidate together: a full batch is every
     * training row, shared out between them (one step per worker and epoch); any other batch size is per worker.
     */
    public static int batchRows(Candidate c, int trainRows, int workers) {
        return c.batchSize() == Candidate.FULL_BATCH ? (trainRows + workers - 1) / workers
                : Math.min(c.batchSize(), trainRows);
    }

    public static long seed(long candidateSeed, int epoch) {
        return candidateSeed * 0x9E3779B97F4A7C15L + epoch;
    }

    /** Fills {@code order} with the permutation of epoch {@code epoch}. */
    public static void fill(int[] order, long candidateSeed, int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random rng = new Random(seed(candidateSeed, epoch));
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Shuffles the rows for epoch {@code epoch}. */
    void shuffle(int epoch) {
        fill(order, candidateSeed, epoch);
    }

    int batchRows() {
        return batch;
    }

    int batches() {
        return (order.length + batch - 1) / batch;
    }

    /** The position in the epoch's order where mini-batch {@code b} starts. */
    int start(int b) {
        return b * batch;
    }

    /** Rows in mini-batch {@code b}: the batch size, or fewer for the last one. */
    int rows(int b) {
        return Math.min(batch, order.length - b * batch);
    }

    /** The training row at position {@code i} of this epoch's order. */
    int row(int i) {
        return order[i];
    }

    /** The epoch's order itself, for engines that look labels up by position; not to be modified. */
    int[] order() {
        return order;
    }

    /** Copies mini-batch {@code b}'s rows of {@code x} (row-major, {@code f} wide) to the start of {@code dst}. */
    void gather(int b, float[] x, int f, float[] dst) {
        int from = start(b);
        int rows = rows(b);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, order[from + r] * f, dst, r * f, f);
        }
    }
}
