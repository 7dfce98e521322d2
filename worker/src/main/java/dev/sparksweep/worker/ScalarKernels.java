package dev.sparksweep.worker;

import java.util.Arrays;

/**
 * The kernels as plain loops; a zero factor is skipped, which leaves a finite sum's bits as they are. The
 * elementwise updates are static over a range, so that {@link VectorKernels} does its tail with the same code.
 */
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
    public void reluGradient(float[] d, float[] a, int n) {
        reluGradient(d, a, 0, n);
    }

    static void reluGradient(float[] d, float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] *= a[i] > 0f ? 1f : 0f;
        }
    }

    @Override
    public void regularise(float[] w, float[] g, int n, float l1, float l2) {
        regularise(w, g, l1, l2, 0, n);
    }

    static void regularise(float[] w, float[] g, float l1, float l2, int from, int to) {
        if (l1 == 0f) {
            // l1·sign(w) is then a zero of w's sign, which leaves l2·w's bits as they are; without the call the
            // JIT vectorises the loop
            for (int j = from; j < to; j++) {
                g[j] += l2 * w[j];
            }
            return;
        }
        for (int j = from; j < to; j++) {
            g[j] += l2 * w[j] + l1 * Math.signum(w[j]);
        }
    }

    @Override
    public void adam(float[] p, float[] g, float[] m, float[] v, float alpha) {
        adam(p, g, m, v, alpha, 0, p.length);
    }

    static void adam(float[] p, float[] g, float[] m, float[] v, float alpha, int from, int to) {
        float bt1 = (float) Updater.Adam.BETA1;
        float bt2 = (float) Updater.Adam.BETA2;
        float eps = (float) Updater.EPSILON;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = Updater.flush(bt1 * m[i] + gi * (1 - bt1));
            float vi = Updater.flush(bt2 * v[i] + gi * gi * (1 - bt2));
            m[i] = mi;
            v[i] = vi;
            p[i] -= mi * alpha / ((float) Math.sqrt(vi) + eps);
        }
    }

    @Override
    public void adaMax(float[] p, float[] g, float[] m, float[] u, float alpha) {
        adaMax(p, g, m, u, alpha, 0, p.length);
    }

    static void adaMax(float[] p, float[] g, float[] m, float[] u, float alpha, int from, int to) {
        float bt1 = (float) Updater.Adam.BETA1;
        float bt2 = (float) Updater.Adam.BETA2;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = Updater.flush(bt1 * m[i] + gi * (1 - bt1));
            float ui = Math.max(bt2 * u[i], Math.abs(gi)) + 1e-32f;
            m[i] = mi;
            u[i] = ui;
            p[i] -= mi * alpha / ui;
        }
    }

    @Override
    public void nesterovs(float[] p, float[] g, float[] v, float lr) {
        nesterovs(p, g, v, lr, 0, p.length);
    }

    static void nesterovs(float[] p, float[] g, float[] v, float lr, int from, int to) {
        float mu = (float) Updater.Nesterovs.MOMENTUM;
        for (int i = from; i < to; i++) {
            float prev = mu * v[i];
            float vi = Updater.flush(prev - lr * g[i]);
            v[i] = vi;
            p[i] -= prev + (-mu - 1) * vi;
        }
    }

    @Override
    public void rmsProp(float[] p, float[] g, float[] cache, float lr) {
        rmsProp(p, g, cache, lr, 0, p.length);
    }

    static void rmsProp(float[] p, float[] g, float[] cache, float lr, int from, int to) {
        float decay = (float) Updater.RmsProp.DECAY;
        float eps = (float) Updater.EPSILON;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float ci = Updater.flush(cache[i] * decay + gi * gi * (1 - decay));
            cache[i] = ci;
            p[i] -= lr * gi / ((float) Math.sqrt(ci) + eps);
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
