package dev.sparksweep.search.tpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A multivariate Parzen estimator over all axes: one kernel per observation plus a prior kernel, each kernel
 * the product of a truncated normal per numeric axis and a categorical distribution per categorical axis
 * (Bergstra et al. 2011; the kernel rules follow Optuna's TPESampler).
 */
final class ParzenEstimator {
    static final double PRIOR_WEIGHT = 1.0;

    private final List<Axis> axes;
    private final double[] logWeights;
    /** [kernel][axis]: numeric axes' mu and sigma; unused for categorical axes. */
    private final double[][] mu;
    private final double[][] sigma;
    /** [kernel][axis][option]: categorical axes' probabilities; null for numeric axes. */
    private final double[][][] probs;

    /**
     * @param observations points in the internal coordinate (categorical axes: the option's index)
     * @param weights one per observation
     */
    ParzenEstimator(List<Axis> axes, List<double[]> observations, double[] weights) {
        this.axes = axes;
        int n = observations.size();
        int kernels = n + 1;
        double[] w = Arrays.copyOf(weights, kernels);
        w[n] = PRIOR_WEIGHT;
        double sum = Arrays.stream(w).sum();
        logWeights = Arrays.stream(w).map(x -> Math.log(x / sum)).toArray();
        mu = new double[kernels][axes.size()];
        sigma = new double[kernels][axes.size()];
        probs = new double[kernels][axes.size()][];
        for (int d = 0; d < axes.size(); d++) {
            if (axes.get(d) instanceof Axis.Numeric a) {
                numeric(d, a, observations);
            } else {
                categorical(d, (Axis.Categorical) axes.get(d), observations);
            }
        }
    }

    /**
     * Each kernel at its observation; sigma the larger gap to its neighbours (the bounds at the ends, the inner
     * gap for the outermost points), clipped to [range / min(100, n + 2), range]. The prior is centred, sigma =
     * range.
     */
    private void numeric(int d, Axis.Numeric a, List<double[]> obs) {
        double low = a.innerLow();
        double high = a.innerHigh();
        double range = high - low;
        int n = obs.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(obs.get(x)[d], obs.get(y)[d]));
        double[] sorted = new double[n + 2];
        sorted[0] = low;
        sorted[n + 1] = high;
        for (int i = 0; i < n; i++) {
            sorted[i + 1] = obs.get(order[i])[d];
        }
        double min = range / Math.min(100.0, n + 2.0);
        for (int i = 0; i < n; i++) {
            double s = Math.max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
            if (n + 2 >= 4 && i == 0) {
                s = sorted[2] - sorted[1];
            } else if (n + 2 >= 4 && i == n - 1) {
                s = sorted[n] - sorted[n - 1];
            }
            int k = order[i];
            mu[k][d] = obs.get(k)[d];
            sigma[k][d] = Math.max(min, Math.min(range, s));
        }
        mu[n][d] = 0.5 * (low + high);
        sigma[n][d] = range;
    }

    /** Each observation's kernel: prior_weight / kernels on every option, plus 1 on its own; the prior uniform. */
    private void categorical(int d, Axis.Categorical a, List<double[]> obs) {
        int n = obs.size();
        int options = a.options().size();
        for (int k = 0; k <= n; k++) {
            double[] p = new double[options];
            Arrays.fill(p, PRIOR_WEIGHT / (n + 1));
            if (k < n) {
                p[(int) obs.get(k)[d]] += 1;
            }
            double sum = Arrays.stream(p).sum();
            for (int j = 0; j < options; j++) {
                p[j] /= sum;
            }
            probs[k][d] = p;
        }
    }

    List<double[]> sample(Random rng, int count) {
        double[] cumulative = new double[logWeights.length];
        double acc = 0;
        for (int k = 0; k < logWeights.length; k++) {
            acc += Math.exp(logWeights[k]);
            cumulative[k] = acc;
        }
        List<double[]> out = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            double u = rng.nextDouble() * acc;
            int k = 0;
            while (k < cumulative.length - 1 && cumulative[k] < u) {
                k++;
            }
            double[] x = new double[axes.size()];
            for (int d = 0; d < axes.size(); d++) {
                if (axes.get(d) instanceof Axis.Numeric a) {
                    x[d] = TruncatedNormal.sample(rng, mu[k][d], sigma[k][d], a.innerLow(), a.innerHigh());
                } else {
                    x[d] = pick(rng, probs[k][d]);
                }
            }
            out.add(x);
        }
        return out;
    }

    double logPdf(double[] x) {
        double[] terms = new double[logWeights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logWeights.length; k++) {
            double t = logWeights[k];
            for (int d = 0; d < axes.size() && t > Double.NEGATIVE_INFINITY; d++) {
                if (axes.get(d) instanceof Axis.Numeric a) {
                    t += TruncatedNormal.logPdf(x[d], mu[k][d], sigma[k][d], a.innerLow(), a.innerHigh());
                } else {
                    t += Math.log(probs[k][d][(int) x[d]]);
                }
            }
            terms[k] = t;
            max = Math.max(max, t);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    private static int pick(Random rng, double[] p) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int j = 0; j < p.length - 1; j++) {
            acc += p[j];
            if (u < acc) {
                return j;
            }
        }
        return p.length - 1;
    }
}
