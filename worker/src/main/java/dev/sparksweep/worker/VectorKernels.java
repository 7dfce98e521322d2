package dev.sparksweep.worker;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels with the Vector API. A product keeps its sums in registers across the shared index: four rows by
 * two vectors of columns (eight independent chains, so each loaded vector feeds four fused multiply-adds and the
 * FMA unit's latency is hidden), one row by four vectors for the rows left over, and four rows (or inputs) by two
 * columns of scalar chains for the columns past the last whole vector, such as a 10-class output layer's.
 * Java 17's JIT compiles neither masked loads past an array's end nor a vector chosen from two places into
 * vector code (it allocates instead, many times slower), so those columns are done one by one, in the same order.
 * Loaded only when the module is there.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    
    @Override
    public void multiply(float[][] a, float[][] b, float[] init, float[][] out, int rows, int inner, int cols) {
        int whole = S.loopBound(cols);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            float[] x0 = a[r];
            float[] x1 = a[r + 1];
            float[] x2 = a[r + 2];
            float[] x3 = a[r + 3];
            int c = 0;
            for (; c + 2 * S.length() <= whole; c += 2 * S.length()) {
                int c1 = c + S.length();
                FloatVector s00 = FloatVector.fromArray(S, init, c);
                FloatVector s01 = FloatVector.fromArray(S, init, c1);
                FloatVector s10 = s00;
                FloatVector s11 = s01;
                FloatVector s20 = s00;
                FloatVector s21 = s01;
                FloatVector s30 = s00;
                FloatVector s31 = s01;
                for (int k = 0; k < inner; k++) {
                    float[] bk = b[k];
                    FloatVector b0 = FloatVector.fromArray(S, bk, c);
                    FloatVector b1 = FloatVector.fromArray(S, bk, c1);
                    FloatVector v = FloatVector.broadcast(S, x0[k]);
                    s00 = b0.fma(v, s00);
                    s01 = b1.fma(v, s01);
                    v = FloatVector.broadcast(S, x1[k]);
                    s10 = b0.fma(v, s10);
                    s11 = b1.fma(v, s11);
                    v = FloatVector.broadcast(S, x2[k]);
                    s20 = b0.fma(v, s20);
                    s21 = b1.fma(v, s21);
                    v = FloatVector.broadcast(S, x3[k]);
                    s30 = b0.fma(v, s30);
                    s31 = b1.fma(v, s31);
                }
                s00.intoArray(out[r], c);
                s01.intoArray(out[r], c1);
                s10.intoArray(out[r + 1], c);
                s11.intoArray(out[r + 1], c1);
                s20.intoArray(out[r + 2], c);
                s21.intoArray(out[r + 2], c1);
                s30.intoArray(out[r + 3], c);
                s31.intoArray(out[r + 3], c1);
            }
            for (; c < whole; c += S.length()) {
                FloatVector s0 = FloatVector.fromArray(S, init, c);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int k = 0; k < inner; k++) {
                    FloatVector bk = FloatVector.fromArray(S, b[k], c);
                    s0 = bk.fma(FloatVector.broadcast(S, x0[k]), s0);
                    s1 = bk.fma(FloatVector.broadcast(S, x1[k]), s1);
                    s2 = bk.fma(FloatVector.broadcast(S, x2[k]), s2);
                    s3 = bk.fma(FloatVector.broadcast(S, x3[k]), s3);
                }
                s0.intoArray(out[r], c);
                s1.intoArray(out[r + 1], c);
                s2.intoArray(out[r + 2], c);
                s3.intoArray(out[r + 3], c);
            }
        }
        for (; r < rows; r++) {
            float[] x0 = a[r];
            int c = 0;
            // one row: four columns' chains side by side
            for (; c + 4 * S.length() <= whole; c += 4 * S.length()) {
                int c1 = c + S.length();
                int c2 = c1 + S.length();
                int c3 = c2 + S.length();
                FloatVector s0 = FloatVector.fromArray(S, init, c);
                FloatVector s1 = FloatVector.fromArray(S, init, c1);
                FloatVector s2 = FloatVector.fromArray(S, init, c2);
                FloatVector s3 = FloatVector.fromArray(S, init, c3);
                for (int k = 0; k < inner; k++) {
                    float[] bk = b[k];
                    FloatVector v = FloatVector.broadcast(S, x0[k]);
                    s0 = FloatVector.fromArray(S, bk, c).fma(v, s0);
                    s1 = FloatVector.fromArray(S, bk, c1).fma(v, s1);
                    s2 = FloatVector.fromArray(S, bk, c2).fma(v, s2);
                    s3 = FloatVector.fromArray(S, bk, c3).fma(v, s3);
                }
                s0.intoArray(out[r], c);
                s1.intoArray(out[r], c1);
                s2.intoArray(out[r], c2);
                s3.intoArray(out[r], c3);
            }
            for (; c < whole; c += S.length()) {
                FloatVector s0 = FloatVector.fromArray(S, init, c);
                for (int k = 0; k < inner; k++) {
                    s0 = FloatVector.fromArray(S, b[k], c).fma(FloatVector.broadcast(S, x0[k]), s0);
                }
                s0.intoArray(out[r], c);
            }
        }
        if (whole == cols) {
            return;
        }
        // the columns past the last whole vector: four rows' chains side by side, so that they overlap
        for (r = 0; r + 4 <= rows; r += 4) {
            float[] x0 = a[r];
            float[] x1 = a[r + 1];
            float[] x2 = a[r + 2];
            float[] x3 = a[r + 3];
            int c = whole;
            for (; c + 2 <= cols; c += 2) {
                float s0 = init[c];
                float s1 = s0;
                float s2 = s0;
                float s3 = s0;
                float t0 = init[c + 1];
                float t1 = t0;
                float t2 = t0;
                float t3 = t0;
                for (int k = 0; k < inner; k++) {
                    float[] bk = b[k];
                    float u = bk[c];
                    float w = bk[c + 1];
                    s0 = Math.fma(x0[k], u, s0);
                    t0 = Math.fma(x0[k], w, t0);
                    s1 = Math.fma(x1[k], u, s1);
                    t1 = Math.fma(x1[k], w, t1);
                    s2 = Math.fma(x2[k], u, s2);
                    t2 = Math.fma(x2[k], w, t2);
                    s3 = Math.fma(x3[k], u, s3);
                    t3 = Math.fma(x3[k], w, t3);
                }
                out[r][c] = s0;
                out[r + 1][c] = s1;
                out[r + 2][c] = s2;
                out[r + 3][c] = s3;
                out[r][c + 1] = t0;
                out[r + 1][c + 1] = t1;
                out[r + 2][c + 1] = t2;
                out[r + 3][c + 1] = t3;
            }
            for (; c < cols; c++) {
                float s0 = init[c];
                float s1 = s0;
                float s2 = s0;
                float s3 = s0;
                for (int k = 0; k < inner; k++) {
                    float bk = b[k][c];
                    s0 = Math.fma(x0[k], bk, s0);
                    s1 = Math.fma(x1[k], bk, s1);
                    s2 = Math.fma(x2[k], bk, s2);
                    s3 = Math.fma(x3[k], bk, s3);
                }
                out[r][c] = s0;
                out[r + 1][c] = s1;
                out[r + 2][c] = s2;
                out[r + 3][c] = s3;
            }
        }
        for (; r < rows; r++) {
            float[] x = a[r];
            float[] o = out[r];
            for (int c = whole; c < cols; c++) {
                float s = init[c];
                for (int k = 0; k < inner; k++) {
                    s = Math.fma(x[k], b[k][c], s);
                }
                o[c] = s;
            }
        }
    }

    
    @Override
    public void multiplyTransposed(float[][] a, float[][] d, float[][] out, int rows, int m, int n) {
        int whole = S.loopBound(n);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int j = 0;
            for (; j + 2 * S.length() <= whole; j += 2 * S.length()) {
                int j1 = j + S.length();
                FloatVector s00 = FloatVector.zero(S);
                FloatVector s01 = s00;
                FloatVector s10 = s00;
                FloatVector s11 = s00;
                FloatVector s20 = s00;
                FloatVector s21 = s00;
                FloatVector s30 = s00;
                FloatVector s31 = s00;
                for (int r = 0; r < rows; r++) {
                    float[] x = a[r];
                    float[] dr = d[r];
                    FloatVector d0 = FloatVector.fromArray(S, dr, j);
                    FloatVector d1 = FloatVector.fromArray(S, dr, j1);
                    FloatVector v = FloatVector.broadcast(S, x[i]);
                    s00 = d0.fma(v, s00);
                    s01 = d1.fma(v, s01);
                    v = FloatVector.broadcast(S, x[i + 1]);
                    s10 = d0.fma(v, s10);
                    s11 = d1.fma(v, s11);
                    v = FloatVector.broadcast(S, x[i + 2]);
                    s20 = d0.fma(v, s20);
                    s21 = d1.fma(v, s21);
                    v = FloatVector.broadcast(S, x[i + 3]);
                    s30 = d0.fma(v, s30);
                    s31 = d1.fma(v, s31);
                }
                s00.intoArray(out[i], j);
                s01.intoArray(out[i], j1);
                s10.intoArray(out[i + 1], j);
                s11.intoArray(out[i + 1], j1);
                s20.intoArray(out[i + 2], j);
                s21.intoArray(out[i + 2], j1);
                s30.intoArray(out[i + 3], j);
                s31.intoArray(out[i + 3], j1);
            }
            for (; j < whole; j += S.length()) {
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int r = 0; r < rows; r++) {
                    float[] x = a[r];
                    FloatVector dr = FloatVector.fromArray(S, d[r], j);
                    s0 = dr.fma(FloatVector.broadcast(S, x[i]), s0);
                    s1 = dr.fma(FloatVector.broadcast(S, x[i + 1]), s1);
                    s2 = dr.fma(FloatVector.broadcast(S, x[i + 2]), s2);
                    s3 = dr.fma(FloatVector.broadcast(S, x[i + 3]), s3);
                }
                s0.intoArray(out[i], j);
                s1.intoArray(out[i + 1], j);
                s2.intoArray(out[i + 2], j);
                s3.intoArray(out[i + 3], j);
            }
        }
        for (; i < m; i++) {
            for (int j = 0; j < whole; j += S.length()) {
                FloatVector s0 = FloatVector.zero(S);
                for (int r = 0; r < rows; r++) {
                    s0 = FloatVector.fromArray(S, d[r], j).fma(FloatVector.broadcast(S, a[r][i]), s0);
                }
                s0.intoArray(out[i], j);
            }
        }
        if (whole == n) {
            return;
        }
        // the columns past the last whole vector: four inputs' chains side by side
        for (i = 0; i + 4 <= m; i += 4) {
            int j = whole;
            for (; j + 2 <= n; j += 2) {
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                float t0 = 0f;
                float t1 = 0f;
                float t2 = 0f;
                float t3 = 0f;
                for (int r = 0; r < rows; r++) {
                    float[] x = a[r];
                    float u = d[r][j];
                    float w = d[r][j + 1];
                    s0 = Math.fma(x[i], u, s0);
                    t0 = Math.fma(x[i], w, t0);
                    s1 = Math.fma(x[i + 1], u, s1);
                    t1 = Math.fma(x[i + 1], w, t1);
                    s2 = Math.fma(x[i + 2], u, s2);
                    t2 = Math.fma(x[i + 2], w, t2);
                    s3 = Math.fma(x[i + 3], u, s3);
                    t3 = Math.fma(x[i + 3], w, t3);
                }
                out[i][j] = s0;
                out[i + 1][j] = s1;
                out[i + 2][j] = s2;
                out[i + 3][j] = s3;
                out[i][j + 1] = t0;
                out[i + 1][j + 1] = t1;
                out[i + 2][j + 1] = t2;
                out[i + 3][j + 1] = t3;
            }
            for (; j < n; j++) {
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                for (int r = 0; r < rows; r++) {
                    float[] x = a[r];
                    float dr = d[r][j];
                    s0 = Math.fma(x[i], dr, s0);
                    s1 = Math.fma(x[i + 1], dr, s1);
                    s2 = Math.fma(x[i + 2], dr, s2);
                    s3 = Math.fma(x[i + 3], dr, s3);
                }
                out[i][j] = s0;
                out[i + 1][j] = s1;
                out[i + 2][j] = s2;
                out[i + 3][j] = s3;
            }
        }
        for (; i < m; i++) {
            float[] o = out[i];
            for (int j = whole; j < n; j++) {
                float s = 0f;
                for (int r = 0; r < rows; r++) {
                    s = Math.fma(a[r][i], d[r][j], s);
                }
                o[j] = s;
            }
        }
    }

    
    @Override
    public void reluGradient(float[] d, float[] a, int n) {
        int whole = S.loopBound(n);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < whole; i += S.length()) {
            FloatVector ai = FloatVector.fromArray(S, a, i);
            FloatVector factor = one.blend(0f, ai.compare(VectorOperators.GT, 0f).not());
            FloatVector.fromArray(S, d, i).mul(factor).intoArray(d, i);
        }
        ScalarKernels.reluGradient(d, a, whole, n);
    }

    
    @Override
    public void regularise(float[] w, float[] g, int n, float l1, float l2) {
        int whole = S.loopBound(n);
        for (int j = 0; j < whole; j += S.length()) {
            FloatVector wj = FloatVector.fromArray(S, w, j);
            FloatVector r = wj.mul(l2);
            if (l1 != 0f) {
                r = r.add(signum(wj).mul(l1));
            }
            FloatVector.fromArray(S, g, j).add(r).intoArray(g, j);
        }
        ScalarKernels.regularise(w, g, l1, l2, whole, n);
    }

    /** Math.signum lane by lane: ±1, or the lane itself for ±0 and NaN. */
    private static FloatVector signum(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return x.blend(one, x.compare(VectorOperators.GT, 0f)).blend(one.neg(), x.compare(VectorOperators.LT, 0f));
    }

    /** {@link Updater#flush} lane by lane. */
    private static FloatVector flush(FloatVector x) {
        return x.blend(0f, x.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
    }

    
    @Override
    public void adam(float[] p, float[] g, float[] m, float[] v, float alpha) {
        float bt1 = (float) Updater.Adam.BETA1;
        float bt2 = (float) Updater.Adam.BETA2;
        float eps = (float) Updater.EPSILON;
        int whole = S.loopBound(p.length);
        for (int i = 0; i < whole; i += S.length()) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector mi = flush(FloatVector.fromArray(S, m, i).mul(bt1).add(gi.mul(1 - bt1)));
            FloatVector vi = flush(FloatVector.fromArray(S, v, i).mul(bt2).add(gi.mul(gi).mul(1 - bt2)));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector.fromArray(S, p, i).sub(mi.mul(alpha).div(vi.sqrt().add(eps))).intoArray(p, i);
        }
        ScalarKernels.adam(p, g, m, v, alpha, whole, p.length);
    }

    
    @Override
    public void adaMax(float[] p, float[] g, float[] m, float[] u, float alpha) {
        float bt1 = (float) Updater.Adam.BETA1;
        float bt2 = (float) Updater.Adam.BETA2;
        int whole = S.loopBound(p.length);
        for (int i = 0; i < whole; i += S.length()) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector mi = flush(FloatVector.fromArray(S, m, i).mul(bt1).add(gi.mul(1 - bt1)));
            FloatVector ui = FloatVector.fromArray(S, u, i).mul(bt2).max(gi.abs()).add(1e-32f);
            mi.intoArray(m, i);
            ui.intoArray(u, i);
            FloatVector.fromArray(S, p, i).sub(mi.mul(alpha).div(ui)).intoArray(p, i);
        }
        ScalarKernels.adaMax(p, g, m, u, alpha, whole, p.length);
    }

    
    @Override
    public void nesterovs(float[] p, float[] g, float[] v, float lr) {
        float mu = (float) Updater.Nesterovs.MOMENTUM;
        int whole = S.loopBound(p.length);
        for (int i = 0; i < whole; i += S.length()) {
            FloatVector prev = FloatVector.fromArray(S, v, i).mul(mu);
            FloatVector vi = flush(prev.sub(FloatVector.fromArray(S, g, i).mul(lr)));
            vi.intoArray(v, i);
            FloatVector.fromArray(S, p, i).sub(prev.add(vi.mul(-mu - 1))).intoArray(p, i);
        }
        ScalarKernels.nesterovs(p, g, v, lr, whole, p.length);
    }

    
    @Override
    public void rmsProp(float[] p, float[] g, float[] cache, float lr) {
        float decay = (float) Updater.RmsProp.DECAY;
        float eps = (float) Updater.EPSILON;
        int whole = S.loopBound(p.length);
        for (int i = 0; i < whole; i += S.length()) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector ci = flush(FloatVector.fromArray(S, cache, i).mul(decay).add(gi.mul(gi).mul(1 - decay)));
            ci.intoArray(cache, i);
            FloatVector.fromArray(S, p, i).sub(gi.mul(lr).div(ci.sqrt().add(eps))).intoArray(p, i);
        }
        ScalarKernels.rmsProp(p, g, cache, lr, whole, p.length);
    }

    
    @Override
    public String name() {
        return "vector";
    }
}
