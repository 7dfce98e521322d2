package dev.sparksweep.search.tpe;

import java.util.Random;
import org.apache.commons.math3.special.Erf;

/** The normal distribution N(mu, sigma) truncated to [low, high]: its log density and a sampler. */
final class TruncatedNormal {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2);

    private TruncatedNormal() {
    }

    static double logPdf(double x, double mu, double sigma, double low, double high) {
        if (x < low || x > high) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = (x - mu) / sigma;
        return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - logMass((low - mu) / sigma, (high - mu) / sigma);
    }

    /** A draw by inverting the CDF between the bounds. */
    static double sample(Random rng, double mu, double sigma, double low, double high) {
        double a = (low - mu) / sigma;
        double b = (high - mu) / sigma;
        // work in the lower tail, where the CDF keeps its precision
        boolean mirror = a > 0;
        double lo = mirror ? -b : a;
        double hi = mirror ? -a : b;
        double pa = cdf(lo);
        double pb = cdf(hi);
        double z = pb > pa ? inverseCdf(pa + rng.nextDouble() * (pb - pa)) : lo + rng.nextDouble() * (hi - lo);
        double x = mu + sigma * (mirror ? -z : z);
        return Math.max(low, Math.min(high, x));
    }

    /** log(Φ(b) − Φ(a)). */
    static double logMass(double a, double b) {
        double lo = a > 0 ? -b : a;
        double hi = a > 0 ? -a : b;
        double m = cdf(hi) - cdf(lo);
        if (m > 0) {
            return Math.log(m);
        }
        // both bounds far out in one tail: Mills' ratio for the nearer one
        double near = Math.min(Math.abs(lo), Math.abs(hi));
        return -0.5 * near * near - LOG_SQRT_2PI - Math.log(Math.max(near, 1e-300));
    }

    static double cdf(double z) {
        return 0.5 * Erf.erfc(-z / SQRT2);
    }

    static double inverseCdf(double p) {
        return -SQRT2 * Erf.erfcInv(2 * p);
    }
}
