package dev.sparksweep.worker;

/**
 * The dense net's two matrix products. Every output element is one chain of fused multiply-adds in the order of
 * the shared index, so the two implementations give the same bits for finite inputs: {@link VectorKernels}
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
