package dev.sparksweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** fANOVA on analytic objectives whose variance decomposition is known. */
class ImportanceTest {
    static final double[][] UNIT = {{0, 1}, {0, 1}, {0, 1}};

    static double[][] points(int n, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int k = 0; k < 3; k++) {
                row[k] = rng.nextDouble();
            }
        }
        return x;
    }

    @Test
    void oneDimensionThatMattersTakesTheVarianceAndTheOthersNone() {
        double[][] x = points(80, 1);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(3 * x[i][0]);
        }
        Importance imp = Importance.fanova(List.of("a", "b", "c"), x, y, UNIT, 42);
        assertTrue(imp.shares()[0] > 0.9, "a: " + imp.shares()[0]);
        assertTrue(imp.shares()[1] < 0.03 && imp.shares()[2] < 0.03, "b, c: " + imp.shares()[1] + ", "
                + imp.shares()[2]);
        assertEquals(List.of(0), imp.ranked().subList(0, 1));
        assertEquals(80, imp.trials());
    }

    @Test
    void anAdditiveObjectiveSplitsByItsTermsVariances() {
        // y = 2a + b on the unit square: Var(2a) = 4/12, Var(b) = 1/12, so a explains 0.8 and b 0.2
        double[][] x = points(400, 2);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 2 * x[i][0] + x[i][1];
        }
        Importance imp = Importance.fanova(List.of("a", "b", "c"), x, y, UNIT, 42);
        assertEquals(0.8, imp.shares()[0], 0.06);
        assertEquals(0.2, imp.shares()[1], 0.06);
        assertTrue(imp.shares()[2] < 0.02, "c: " + imp.shares()[2]);
        assertTrue(imp.firstOrder() > 0.9, "first order " + imp.firstOrder());
    }

    @Test
    void aPureInteractionHasNoFirstOrderShare() {
        // y = (a - 0.5)(b - 0.5): every marginal is flat, all of the variance is the interaction
        double[][] x = points(400, 3);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i][0] - 0.5) * (x[i][1] - 0.5);
        }
        Importance imp = Importance.fanova(List.of("a", "b", "c"), x, y, UNIT, 42);
        assertTrue(imp.firstOrder() < 0.25, "first order " + imp.firstOrder());
    }

    @Test
    void theSameSeedGivesTheSameShares() {
        double[][] x = points(50, 4);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i][0] * x[i][0] + 0.1 * x[i][2];
        }
        Importance a = Importance.fanova(List.of("a", "b", "c"), x, y, UNIT, 7);
        Importance b = Importance.fanova(List.of("a", "b", "c"), x, y, UNIT, 7);
        assertEquals(java.util.Arrays.toString(a.shares()), java.util.Arrays.toString(b.shares()));
    }
}
