package dev.sparksweep.search.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {
    static final List<Axis> AXES = List.of(new Axis.Numeric("a", 0, 1, false, false),
            new Axis.Numeric("b", 1e-4, 1, true, false), new Axis.Numeric("c", 1, 10, false, true),
            new Axis.Categorical("d", List.of("x", "y", "z")));

    static List<TpeSampler.Observation> observations(int n, long seed) {
        Random rng = new Random(seed);
        List<TpeSampler.Observation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble();
            double[] x = {a, Math.log(1e-4) * rng.nextDouble(), 1 + rng.nextInt(10), rng.nextInt(3)};
            out.add(new TpeSampler.Observation(x, i, 0, Math.abs(a - 0.3) + (x[3] == 1 ? 0 : 0.5)));
        }
        return out;
    }

    @Test
    void gammaIsTenPercentRoundedUpAndAtMost25() {
        assertEquals(1, TpeSampler.gamma(1));
        assertEquals(1, TpeSampler.gamma(10));
        assertEquals(2, TpeSampler.gamma(11));
        assertEquals(25, TpeSampler.gamma(250));
        assertEquals(25, TpeSampler.gamma(1000));
    }

    @Test
    void theNewest25WeighOneAndOlderOnesRampUpFromOneOverN() {
        assertArrayEquals(new double[] {1, 1, 1}, TpeSampler.weights(3));
        double[] w = TpeSampler.weights(30);
        assertEquals(1.0 / 30, w[0], 1e-12);
        assertEquals(1.0, w[4], 1e-12);
        assertTrue(w[1] > w[0] && w[2] > w[1]);
        for (int i = 5; i < 30; i++) {
            assertEquals(1.0, w[i], 0.0);
        }
    }

    @Test
    void aTrialInFlightWhereTheBestDrawLiesMovesTheProposalElsewhere() {
        TpeSampler s = new TpeSampler(AXES);
        List<TpeSampler.Observation> finished = observations(20, 1);
        double[] alone = s.propose(new Random(7), finished, List.of()).get(0);
        double[] withLiar = s.propose(new Random(7), finished, List.of(alone, alone, alone)).get(0);
        assertFalse(java.util.Arrays.equals(alone, withLiar), "the same draws, ranked against a g that holds them");
    }

    @Test
    void proposalsStayInBoundsAndFavourTheGoodRegion() {
        TpeSampler s = new TpeSampler(AXES);
        List<TpeSampler.Observation> finished = observations(60, 2);
        int good = 0;
        Random rng = new Random(3);
        for (int k = 0; k < 200; k++) {
            double[] x = s.propose(rng, finished, List.of()).get(0);
            assertTrue(x[0] >= 0 && x[0] <= 1 && x[1] >= Math.log(1e-4) && x[1] <= 0, java.util.Arrays.toString(x));
            assertTrue(x[2] >= 0.5 && x[2] <= 10.5 && (x[3] == 0 || x[3] == 1 || x[3] == 2));
            good += Math.abs(x[0] - 0.3) < 0.15 && x[3] == 1 ? 1 : 0;
        }
        // a uniform draw lands there 10% of the time
        assertTrue(good > 100, "proposals near a = 0.3 with d = y: " + good + " of 200");
    }

    @Test
    void truncatedNormalIntegratesToOneAndSamplesInsideItsBounds() {
        for (double[] k : new double[][] {{0.5, 0.1, 0, 1}, {0.0, 0.01, 0, 1}, {1, 5, 0, 1}, {3, 0.2, 0, 10}}) {
            double sum = 0;
            int steps = 200_000;
            double h = (k[3] - k[2]) / steps;
            for (int i = 0; i < steps; i++) {
                sum += Math.exp(TruncatedNormal.logPdf(k[2] + (i + 0.5) * h, k[0], k[1], k[2], k[3])) * h;
            }
            assertEquals(1.0, sum, 1e-3, java.util.Arrays.toString(k));
            Random rng = new Random(5);
            for (int i = 0; i < 1000; i++) {
                double x = TruncatedNormal.sample(rng, k[0], k[1], k[2], k[3]);
                assertTrue(x >= k[2] && x <= k[3]);
            }
        }
    }

    @Test
    void integersAndLogScalesRoundTrip() {
        Axis.Numeric ints = new Axis.Numeric("c", 1, 10, true, true);
        assertEquals(1, ints.toValue(ints.innerLow()));
        assertEquals(10, ints.toValue(ints.innerHigh()));
        assertEquals(4, ints.toValue(ints.toInner(4)));
    }
}
