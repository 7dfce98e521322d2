package dev.sparksweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The vector kernels against the scalar loops: the same bits, so a run's leaderboard does not depend on them. */
class KernelsTest {
    static TrainingData digits;
    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();

    @BeforeAll
    static void load() {
        digits = DigitsFixture.load();
    }

    @Test
    void theTestJvmHasTheVectorModuleSoTheVectorKernelsAreTheOnesInUse() {
        assertInstanceOf(VectorKernels.class, Kernels.BEST);
    }

    /** Values with a third of them zero, as ReLU outputs and blank pixels are. */
    static float[][] matrix(Random rng, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = rng.nextInt(3) == 0 ? 0f : (float) rng.nextGaussian();
            }
        }
        return m;
    }

    @Test
    void bothProductsGiveTheSameBitsOnEveryShape() {
        Random rng = new Random(3);
        int checked = 0;
        for (int rows : new int[] {1, 2, 3, 4, 5, 9, 32}) {
            for (int inner : new int[] {1, 7, 10, 64}) {
                for (int cols : new int[] {1, 2, 10, 16, 24, 37, 48, 128, 130}) {
                    float[][] a = matrix(rng, rows, inner);
                    float[][] b = matrix(rng, inner, cols);
                    float[] init = matrix(rng, 1, cols)[0];
                    for (float[] start : new float[][] {init, new float[cols]}) {
                        float[][] x = new float[rows][cols];
                        float[][] y = new float[rows][cols];
                        scalar.multiply(a, b, start, x, rows, inner, cols);
                        vector.multiply(a, b, start, y, rows, inner, cols);
                        assertArrayEquals(x, y, rows + "x" + inner + "x" + cols);
                    }
                    float[][] d = matrix(rng, rows, cols);
                    float[][] g1 = matrix(rng, inner, cols);
                    float[][] g2 = matrix(rng, inner, cols);
                    scalar.multiplyTransposed(a, d, g1, rows, inner, cols);
                    vector.multiplyTransposed(a, d, g2, rows, inner, cols);
                    assertArrayEquals(g1, g2, "transposed " + rows + "x" + inner + "x" + cols);
                    checked++;
                }
            }
        }
        assertEquals(7 * 4 * 9, checked);
    }

    @Test
    void aProductUsesOnlyTheRowsAndColumnsItIsGiven() {
        float[][] a = {{1, 2, 99}, {3, 4, 99}, {99, 99, 99}};
        float[][] b = {{1, 0, 99}, {0, 1, 99}, {99, 99, 99}};
        for (Kernels k : new Kernels[] {scalar, vector}) {
            float[][] out = {{-1, -1, -1}, {-1, -1, -1}, {-1, -1, -1}};
            k.multiply(a, b, new float[] {10, 20, 99}, out, 2, 2, 2);
            assertArrayEquals(new float[][] {{11, 22, -1}, {13, 24, -1}, {-1, -1, -1}}, out, k.name());
        }
    }

    /** Gaussians with zeros, subnormals and values near the flush threshold mixed in. */
    static float[] slot(Random rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (rng.nextInt(6)) {
                case 0 -> 0f;
                case 1 -> (float) rng.nextGaussian() * 1e-39f;
                case 2 -> (float) rng.nextGaussian() * 2e-38f;
                case 3 -> rng.nextBoolean() ? -0f : Float.MIN_NORMAL;
                default -> (float) rng.nextGaussian();
            };
        }
        return x;
    }

    @Test
    void everyElementwiseUpdateGivesTheSameBitsOnEveryLength() {
        Random rng = new Random(11);
        int checked = 0;
        for (int n : new int[] {1, 7, 8, 9, 16, 37, 130}) {
            float[] g = slot(rng, n);
            float[] w = slot(rng, n);
            float[] d1 = slot(rng, n);
            float[] d2 = d1.clone();
            float[] out = slot(rng, n);
            out[0] = Float.NaN;
            scalar.reluGradient(d1, out, n);
            vector.reluGradient(d2, out, n);
            assertArrayEquals(d1, d2, "relu n=" + n);
            for (float l1 : new float[] {0f, 1e-3f}) {
                float[] a = slot(rng, n);
                float[] b = a.clone();
                scalar.regularise(w, a, n, l1, 2e-4f);
                vector.regularise(w, b, n, l1, 2e-4f);
                assertArrayEquals(a, b, "regularise l1=" + l1 + " n=" + n);
            }
            // state in the updaters' ranges: moments of either sign, non-negative second moments and norms
            float[] p1 = slot(rng, n);
            float[] m1 = slot(rng, n);
            float[] v1 = slot(rng, n);
            for (int i = 0; i < n; i++) {
                v1[i] = Math.abs(v1[i]);
            }
            float[] p2 = p1.clone();
            float[] m2 = m1.clone();
            float[] v2 = v1.clone();
            for (int t = 0; t < 5; t++) {
                scalar.adam(p1, g, m1, v1, 1e-3f);
                vector.adam(p2, g, m2, v2, 1e-3f);
                scalar.adaMax(p1, g, m1, v1, 2e-3f);
                vector.adaMax(p2, g, m2, v2, 2e-3f);
                scalar.nesterovs(p1, g, m1, 0.1f);
                vector.nesterovs(p2, g, m2, 0.1f);
                scalar.rmsProp(p1, g, v1, 0.01f);
                vector.rmsProp(p2, g, v2, 0.01f);
                assertArrayEquals(p1, p2, "params n=" + n + " t=" + t);
                assertArrayEquals(m1, m2, "first state n=" + n + " t=" + t);
                assertArrayEquals(v1, v2, "second state n=" + n + " t=" + t);
            }
            checked++;
        }
        assertEquals(7, checked);
    }

    @Test
    void aStateBelowTheNormalRangeIsFlushedToZeroByBothKernels() {
        for (Kernels k : new Kernels[] {scalar, vector}) {
            float[] m = new float[9];
            float[] v = new float[9];
            java.util.Arrays.fill(m, 1e-39f);
            java.util.Arrays.fill(v, 1e-39f);
            k.adam(new float[9], new float[9], m, v, 1e-3f);
            assertArrayEquals(new float[9], m, k.name());
            assertArrayEquals(new float[9], v, k.name());
        }
    }

    @Test
    void aNetTrainedWithEitherKernelsEndsOnTheSameBits() {
        for (Optimizer optimizer : Optimizer.values()) {
            trainBoth(Candidates.dense("k", 2, 48, Activation.RELU, 32, 1, optimizer, 1e-3, 0.2, 1e-4, 1e-4, null,
                    7));
        }
        trainBoth(Candidates.dense("k", 1, 20, Activation.TANH, 32, 1, Optimizer.ADAM, 1e-3, 0.0, 0.0, 1e-4, null,
                7));
    }

    private void trainBoth(Candidate c) {
        int[] identity = new int[digits.trainRows()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        DenseNet s = new DenseNet(c, 64, 10, 64, scalar);
        DenseNet v = new DenseNet(c, 64, 10, 64, vector);
        s.initialise(5);
        v.initialise(5);
        s.seedDropout(9);
        v.seedDropout(9);
        for (int step = 0; step < 30; step++) {
            int rows = step % 3 == 0 ? 29 : 32;
            System.arraycopy(digits.trainX(), step * 32 * 64, s.inputBuffer(), 0, rows * 64);
            System.arraycopy(digits.trainX(), step * 32 * 64, v.inputBuffer(), 0, rows * 64);
            s.step(rows, digits.trainY(), identity, step * 32);
            v.step(rows, digits.trainY(), identity, step * 32);
        }
        assertArrayEquals(s.exportParams(), v.exportParams(), c.optimizer().name());
        assertArrayEquals(s.exportState(), v.exportState(), c.optimizer().name());
    }
}
