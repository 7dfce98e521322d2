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
        for (int rows : new int[] {1, 3, 4, 5, 9, 32}) {
            for (int inner : new int[] {1, 7, 64}) {
                for (int cols : new int[] {1, 10, 16, 37, 128}) {
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
        assertEquals(6 * 3 * 5, checked);
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

    @Test
    void aNetTrainedWithEitherKernelsEndsOnTheSameBits() {
        Candidate c = Candidates.dense("k", 2, 48, Activation.RELU, 32, 1, Optimizer.ADAM, 1e-3, 0.2, 1e-4, 1e-4,
                null, 7);
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
        assertArrayEquals(s.exportParams(), v.exportParams());
        assertArrayEquals(s.exportState(), v.exportState());
    }
}
