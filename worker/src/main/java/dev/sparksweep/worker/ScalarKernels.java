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
                float xk = x[k];
                if (xk == 0f) {
                    continue;
                }
                float[] bk = b[k];
                for (int c = 0; c < cols; c++) {
                    o[c] = Math.fma(xk, bk[c], o[c]);
                }
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
            float[] dr = d[r];
            for (int i = 0; i < m; i++) {
                float xi = x[i];
                if (xi == 0f) {
                    continue;
                }
                float[] oi = out[i];
                for (int j = 0; j < n; j++) {
                    oi[j] = Math.fma(xi, dr[j], oi[j]);
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
