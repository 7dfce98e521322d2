package dev.sparksweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.config.DataConfig;
import dev.sparksweep.config.DataConfig.Scaling;
import dev.sparksweep.config.DataConfig.SplitConfig;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {
    static final Dataset DIGITS = DatasetLoader.digits();
    static final SplitConfig LESSON = new SplitConfig(0.6, 0.2, 0.2, true, 42);

    @Test
    void digitsLoadAsTheLessonDescribes() {
        assertEquals(1797, DIGITS.rows());
        assertEquals(64, DIGITS.numFeatures());
        assertEquals(10, DIGITS.numClasses());
        assertEquals("46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a", DIGITS.sha256());
        float max = 0;
        for (float v : DIGITS.x()) {
            max = Math.max(max, v);
        }
        assertEquals(16f, max);
    }

    @Test
    void everyRowIsInExactlyOneSplit() {
        Split s = Split.of(DIGITS.y(), 10, LESSON);
        Set<Integer> seen = new HashSet<>();
        for (int[] part : new int[][] {s.train(), s.validation(), s.test()}) {
            for (int r : part) {
                assertTrue(seen.add(r), "row " + r + " is in two splits");
            }
        }
        assertEquals(1797, seen.size());
    }

    @Test
    void stratifiedSplitsKeepEachClassWithinOneRowOfItsShare() {
        Split s = Split.of(DIGITS.y(), 10, LESSON);
        int[] total = counts(DIGITS.y(), IntStream.range(0, 1797).toArray());
        int[][] parts = {counts(DIGITS.y(), s.train()), counts(DIGITS.y(), s.validation()),
                counts(DIGITS.y(), s.test())};
        double[] share = {0.6, 0.2, 0.2};
        for (int k = 0; k < 10; k++) {
            for (int p = 0; p < 2; p++) {
                assertTrue(Math.abs(parts[p][k] - share[p] * total[k]) <= 1.0,
                        "class " + k + " split " + p + ": " + parts[p][k] + " of " + total[k]);
            }
            // the test split takes the remainder, so its rounding error is at most the other two's
            assertTrue(Math.abs(parts[2][k] - share[2] * total[k]) <= 1.0, "class " + k + " test");
        }
    }

    @Test
    void aRegressionSplitStratifiedOnQuantilesSpreadsTheTargetOverEveryPart() {
        // a skewed target: most rows small, a long tail of large values
        java.util.Random rng = new java.util.Random(3);
        double[] t = new double[1000];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.exp(2 * rng.nextGaussian());
        }
        assertEquals(10, Split.quantileBinCount(1000, LESSON));
        assertEquals(1, Split.quantileBinCount(39, LESSON));
        int[] bins = Split.quantileBins(t, 10);
        int[] perBin = new int[10];
        for (int b : bins) {
            perBin[b]++;
        }
        assertArrayEquals(new int[] {100, 100, 100, 100, 100, 100, 100, 100, 100, 100}, perBin);
        Split s = Split.of(bins, 10, LESSON);
        assertEquals(600, s.train().length);
        assertEquals(200, s.validation().length);
        // every decile gives each part exactly its share
        int[][] parts = {counts(bins, s.train()), counts(bins, s.validation()), counts(bins, s.test())};
        for (int b = 0; b < 10; b++) {
            assertEquals(60, parts[0][b], "decile " + b + " in train");
            assertEquals(20, parts[1][b], "decile " + b + " in validation");
            assertEquals(20, parts[2][b], "decile " + b + " in test");
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        Split a = Split.of(DIGITS.y(), 10, LESSON);
        Split b = Split.of(DIGITS.y(), 10, LESSON);
        Split c = Split.of(DIGITS.y(), 10, new SplitConfig(0.6, 0.2, 0.2, true, 43));
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.test(), b.test());
        assertTrue(!Arrays.equals(a.train(), c.train()));
    }

    @Test
    void scalersAreFittedOnTheTrainingRowsOnly() {
        // feature 0 is 1 in the training rows and 100 elsewhere: only a train-only fit gives scale 1 / offset 1
        float[] x = new float[10];
        int[] train = {0, 1, 2, 3, 4};
        for (int i = 0; i < 10; i++) {
            x[i] = i < 5 ? 1f + i : 100f;
        }
        assertEquals(5f, Scaler.fit(Scaling.MAX, x, train, 1).scale()[0]);
        Scaler minmax = Scaler.fit(Scaling.MINMAX, x, train, 1);
        assertEquals(1f, minmax.offset()[0]);
        assertEquals(4f, minmax.scale()[0]);
        Scaler std = Scaler.fit(Scaling.STANDARD, x, train, 1);
        assertEquals(3f, std.offset()[0]);
        assertEquals((float) Math.sqrt(2), std.scale()[0], 1e-6);
        assertArrayEquals(new float[] {0f, 24.75f}, minmax.apply(x, new int[] {0, 9}, 1));
    }

    @Test
    void preparedDigitsAreScaledByTheTrainingMaximum() {
        PreparedData p = PreparedData.prepare(DIGITS, new DataConfig("builtin:digits", null, LESSON, Scaling.MAX));
        assertEquals(1078, p.training().trainRows());
        assertEquals(359, p.training().valRows());
        assertEquals(360, p.testY().length);
        float max = 0;
        for (float v : p.training().trainX()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
        assertEquals(16f, p.scaler().scale()[0]);
    }

    private static int[] counts(int[] y, int[] rows) {
        int[] c = new int[10];
        for (int r : rows) {
            c[y[r]]++;
        }
        return c;
    }
}
