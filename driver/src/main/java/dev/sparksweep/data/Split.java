package dev.sparksweep.data;

import dev.sparksweep.config.DataConfig.SplitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Row indices of the three splits; each row is in exactly one. */
public record Split(int[] train, int[] validation, int[] test) {

    /**
     * Stratified: each class is shuffled with the seed and cut by the fractions, so every split keeps the class
     * proportions to within one row. Unstratified: the same cut over all rows.
     */
    public static Split of(int[] labels, int numClasses, SplitConfig cfg) {
        Random rng = new Random(cfg.seed());
        List<List<Integer>> groups = new ArrayList<>();
        if (cfg.stratify()) {
            for (int k = 0; k < numClasses; k++) {
                groups.add(new ArrayList<>());
            }
            for (int i = 0; i < labels.length; i++) {
                groups.get(labels[i]).add(i);
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                all.add(i);
            }
            groups.add(all);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> g : groups) {
            java.util.Collections.shuffle(g, rng);
            int n = g.size();
            int nTrain = (int) Math.round(n * cfg.train());
            int nVal = Math.min(n - nTrain, (int) Math.round(n * cfg.validation()));
            train.addAll(g.subList(0, nTrain));
            val.addAll(g.subList(nTrain, nTrain + nVal));
            test.addAll(g.subList(nTrain + nVal, n));
        }
        // Stratified groups come out class by class; shuffle so that no split is sorted by label.
        java.util.Collections.shuffle(train, rng);
        java.util.Collections.shuffle(val, rng);
        java.util.Collections.shuffle(test, rng);
        return new Split(toArray(train), toArray(val), toArray(test));
    }

    /**
     * A regression's strata: each row's quantile bin of {@code target} (0 .. bins-1), by rank with ties broken by
     * row order, so that a stratified split spreads the range of the target over every part.
     */
    public static int[] quantileBins(double[] target, int bins) {
        Integer[] order = new Integer[target.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(target[a], target[b]));
        int[] bin = new int[target.length];
        for (int r = 0; r < order.length; r++) {
            bin[order[r]] = (int) ((long) r * bins / order.length);
        }
        return bin;
    }

    /**
     * Up to 10 quantile bins of at least 20 rows each (and enough to give every part of the split one), so that
     * rounding each bin's cut does not move the split's fractions by much.
     */
    public static int quantileBinCount(int rows, SplitConfig cfg) {
        return Math.max(1, Math.min(10, rows / Math.max(20, leastPerClass(cfg))));
    }

    /** Whether cutting {@code n} rows by the fractions gives every part with a fraction above 0 a row. */
    public static boolean fillsEveryPart(long n, SplitConfig cfg) {
        int nTrain = (int) Math.round(n * cfg.train());
        int nVal = (int) Math.min(n - nTrain, Math.round(n * cfg.validation()));
        long nTest = n - nTrain - nVal;
        return nTrain >= 1 && (cfg.validation() == 0 || nVal >= 1) && (cfg.test() == 0 || nTest >= 1);
    }

    /** The fewest rows a class needs so that a stratified split gives it a row in every part. */
    public static int leastPerClass(SplitConfig cfg) {
        for (int n = 1; n < 1_000_000; n++) {
            if (fillsEveryPart(n, cfg)) {
                return n;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
