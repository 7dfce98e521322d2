package dev.sparksweep.worker;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels with the Vector API: four output rows at a time keep their sums in registers across the shared
 * index, so each loaded vector of {@code b} feeds four fused multiply-adds. Loaded only when the module is there.
 * Java 17's JIT compiles neither masked loads past an array's end nor a vector chosen from two places into
 * vector code (it allocates instead, many times slower), so the columns past the last whole vector are done one
 * by one, in the same order.
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
            for (int c = 0; c < whole; c += S.length()) {
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
            for (int c = 0; c < whole; c += S.length()) {
                FloatVector s0 = FloatVector.fromArray(S, init, c);
                for (int k = 0; k < inner; k++) {
                    s0 = FloatVector.fromArray(S, b[k], c).fma(FloatVector.broadcast(S, x0[k]), s0);
                }
                s0.intoArray(out[r], c);
            }
        }
        for (r = 0; r < rows && whole < cols; r++) {
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
            for (int j = 0; j < whole; j += S.length()) {
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
        for (i = 0; i < m && whole < n; i++) {
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
