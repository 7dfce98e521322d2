package dev.sparksweep.worker;

import java.util.Arrays;

/** The kernels as plain loops; a zero factor is skipped, which leaves a finite sum's bits as they are. */
final class ScalarKernels implements Kernels {

    @Override
    public void multiply(float[][] a, float[][] b, float[] init, float[][] out, int rows, int inner, int cols) {
        for (int r = 0; r < rows; r++) {
            float[] o = out[r];
            System.arraycopy(init, 0, o, 0, cols);
            float[] x = a[r];
            for (int k = 0; k < inner; k++) {
                addScaled(x[k], b[k], o, cols);
            }
        }
    }

    @Override
    public void multiplyTransposed(float[][] a, float[][] d, float[][] out, int rows, int m, int n) {
        for (int i = 0; i < m; i++) {
            Arrays.fill(out[i], 0, n, 0f);
        }
        for (int r = 0; r < rows; r++) {
            float[] x = a[r];
            for (int i = 0; i < m; i++) {
                addScaled(x[i], d[r], out[i], n);
            }
        }
    }

    /** {@code into[j] = fma(s, row[j], into[j])} for j < n; nothing for s == 0. */
    private static void addScaled(float s, float[] row, float[] into, int n) {
        if (s == 0f) {
            return;
        }
        for (int j = 0; j < n; j++) {
            into[j] = Math.fma(s, row[j], into[j]);
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
