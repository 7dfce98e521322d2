package dev.sparksweep.search.tpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The Tree-structured Parzen Estimator's proposal step (Bergstra et al. 2011, after Optuna's TPESampler): split
 * the finished trials into the best γ(n) and the rest, fit l(x) to the best and g(x) to the rest and to the
 * trials in flight (the constant liar), draw candidates from l and rank them by log l(x) − log g(x).
 */
public final class TpeSampler {
    public static final int CANDIDATES = 24;

    private final List<Axis> axes;

    TpeSampler(List<Axis> axes) {
        this.axes = List.copyOf(axes);
    }

    /**
     * A finished trial in the model's coordinates.
     *
     * @param order its proposal order, for the ageing weights
     * @param level higher is better, before the rank: under halving, the rung reached (Optuna ranks pruned
     *     trials by the step they reached, then the value there); 0 otherwise
     * @param rank smaller is better: the objective, signed so that less is better
     */
    public record Observation(double[] x, int order, int level, double rank) {
    }

    /** γ(n) = min(ceil(0.1 n), 25): how many of n finished trials form the good group. */
    static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    /** Optuna's ageing weights for n observations in proposal order: the oldest n − 25 ramp up from 1/n. */
    static double[] weights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) {
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        }
        return w;
    }

    /**
     * Candidates drawn from l(x), best first by log l(x) − log g(x).
     *
     * @param finished at least one
     * @param inFlight points proposed and not yet finished: counted in g, not in γ's n
     */
    List<double[]> propose(Random rng, List<Observation> finished, List<double[]> inFlight) {
        List<Observation> byRank = new ArrayList<>(finished);
        byRank.sort(Comparator.comparingInt(Observation::level).reversed()
                .thenComparingDouble(Observation::rank).thenComparingInt(Observation::order));
        int nBelow = gamma(finished.size());
        List<Observation> below = new ArrayList<>(byRank.subList(0, nBelow));
        List<Observation> above = new ArrayList<>(byRank.subList(nBelow, byRank.size()));
        ParzenEstimator l = estimator(below, List.of());
        ParzenEstimator g = estimator(above, inFlight);
        List<double[]> drawn = l.sample(rng, CANDIDATES);
        double[] score = new double[drawn.size()];
        for (int i = 0; i < drawn.size(); i++) {
            score[i] = l.logPdf(drawn.get(i)) - g.logPdf(drawn.get(i));
        }
        Integer[] order = new Integer[drawn.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // a stable sort: ties keep the order of the draws
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        List<double[]> out = new ArrayList<>();
        for (int i : order) {
            out.add(drawn.get(i));
        }
        return out;
    }

    /** Observations in proposal order, then the trials in flight (the newest), weighted by age. */
    private ParzenEstimator estimator(List<Observation> group, List<double[]> inFlight) {
        List<Observation> inOrder = new ArrayList<>(group);
        inOrder.sort(Comparator.comparingInt(Observation::order));
        List<double[]> xs = new ArrayList<>();
        inOrder.forEach(o -> xs.add(o.x()));
        xs.addAll(inFlight);
        return new ParzenEstimator(axes, xs, weights(xs.size()));
    }
}
