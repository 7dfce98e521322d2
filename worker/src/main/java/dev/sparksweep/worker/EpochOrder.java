package dev.sparksweep.worker;

import java.util.Random;

/**
 * The order of the training rows in a given epoch: the identity shuffled by a generator seeded from the
 * candidate's seed and the epoch number, so that any epoch can be reproduced without replaying the ones before
 * it (a trial continued from a checkpoint sees the same order as one that never stopped).
 */
public final class EpochOrder {
    private EpochOrder() {
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
}
