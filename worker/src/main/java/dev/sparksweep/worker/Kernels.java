package dev.sparksweep.worker;

/**
 * The dense net's hot loops: two matrix products, and the elementwise updates of the regulariser and the
 * updaters. Every product element is one chain of fused multiply-adds in the order of the shared index, and every
 * elementwise update the same float operations in the same order (IEEE-exact lane by lane), so the two
 * implementations give the same bits for finite inputs: {@link VectorKernels}
 * (jdk.incubator.vector, register-blocked) where the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, {@link ScalarKernels} (loops the JIT vectorises) otherwise.
 */
sealed interface Kernels permits ScalarKernels, VectorKernels {

    Kernels BEST = best();

    /**
     * {@code out[r][c] = init[c] + Σ_k a[r][k]·b[k][c]} for r < rows, c < cols, k < inner (an array of zeros for
     * a plain product).
     */
    void multiply(float[][] a, float[][] b, float[] init, float[][] out, int rows, int inner, int cols);

    /** {@code out[i][j] = Σ_r a[r][i]·d[r][j]} for i < m, j < n, r < rows: the weights' gradient. */
    void multiplyTransposed(float[][] a, float[][] d, float[][] out, int rows, int m, int n);

    /** ReLU's backward pass: {@code d[i] *= a[i] > 0 ? 1 : 0} for i < n, where a is the ReLU's output. */
    void reluGradient(float[] d, float[] a, int n);

    /** DL4J's L1/L2 on weights: {@code g[j] += l2·w[j] + l1·sign(w[j])} for j < n, with l2 already doubled. */
    void regularise(float[] w, float[] g, int n, float l1, float l2);

    /**
     * Adam (libnd4j's formula, DL4J's β1 = 0.9, β2 = 0.999, ε = 1e-8) on one parameter slot; {@code alpha} is the
     * step's bias-corrected learning rate. Moments below {@link Float#MIN_NORMAL} are flushed to 0 (see
     * {@link Updater#flush}).
     */
    void adam(float[] p, float[] g, float[] m, float[] v, float alpha);

    /** AdaMax on one slot; {@code alpha} is the learning rate over {@code 1 - β1^t}. */
    void adaMax(float[] p, float[] g, float[] m, float[] u, float alpha);

    /** Nesterov momentum (μ = 0.9) on one slot. */
    void nesterovs(float[] p, float[] g, float[] v, float lr);

    /** RMSProp (decay 0.95, ε = 1e-8) on one slot. */
    void rmsProp(float[] p, float[] g, float[] cache, float lr);

    String name();

    private static Kernels best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return new VectorKernels();
            } catch (LinkageError e) {
                return new ScalarKernels();
            }
        }
        return new ScalarKernels();
    }
}
