package dev.sparksweep.worker;

import java.util.Random;

/**
 * A dense feed-forward net trained on preallocated float arrays: the JVM engine's arithmetic. It reproduces
 * what NetworkFactory asks of DL4J (hidden activations, softmax with multi-class cross-entropy, inverted dropout
 * on every layer's input but the first, L1/L2 on weights added to the gradient before the updater, DL4J's
 * updaters and their defaults), so that the same parameters and batches give the same steps. A step allocates
 * nothing; the loops are plain enough for the JIT to vectorise.
 *
 * <p>Internally each layer's weights are row-major (nIn x nOut, input-major), which makes the forward pass and
 * the weight gradient contiguous multiply-adds; {@link #exportParams} and {@link #importParams} convert to and
 * from DL4J's column-major blocks.
 */
final class DenseNet {
    static final float LEAKY_ALPHA = 0.01f;
    static final float ELU_ALPHA = 1.0f;
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;
    static final double MOMENTUM = 0.9;
    static final double RMS_DECAY = 0.95;

    private final Candidate c;
    private final int layers;
    private final int[] nIn;
    private final int[] nOut;
    private final int[] wOff;
    private final int[] bOff;
    private final int numParams;
    private final int maxRows;

    final float[] params;
    private final float[] grad;
    private final float[] state1;
    private final float[] state2;
    private long iterations;

    private final float[][] act;
    private final float[][] input;
    private final float[][] mask;
    private final float[][] delta;
    private final float keep;
    private final float invKeep;
    private final boolean dropout;
    private long rngState;

    DenseNet(Candidate c, int numFeatures, int numClasses, int maxRows) {
        this.c = c;
        this.maxRows = maxRows;
        layers = c.hiddenLayers() + 1;
        nIn = new int[layers];
        nOut = new int[layers];
        wOff = new int[layers];
        bOff = new int[layers];
        int in = numFeatures;
        int off = 0;
        for (int l = 0; l < layers; l++) {
            nIn[l] = in;
            nOut[l] = l == layers - 1 ? numClasses : c.width();
            if (nOut[l] < 1) {
                throw new IllegalArgumentException("layer " + l + " has " + nOut[l] + " units; width >= 1 must hold");
            }
            wOff[l] = off;
            bOff[l] = off + in * nOut[l];
            off = bOff[l] + nOut[l];
            in = nOut[l];
        }
        numParams = off;
        params = new float[numParams];
        grad = new float[numParams];
        state1 = new float[c.optimizer() == Optimizer.SGD ? 0 : numParams];
        state2 = new float[c.optimizer() == Optimizer.ADAM || c.optimizer() == Optimizer.ADAMAX ? numParams : 0];
        if (c.optimizer() == Optimizer.RMSPROP) {
            java.util.Arrays.fill(state1, (float) EPSILON); // DL4J starts the RMSProp cache at epsilon
        }
        act = new float[layers + 1][];
        input = new float[layers][];
        mask = new float[layers][];
        delta = new float[layers][];
        act[0] = new float[maxRows * numFeatures];
        dropout = c.dropout() > 0;
        keep = (float) (1.0 - c.dropout());
        invKeep = 1f / keep;
        for (int l = 0; l < layers; l++) {
            act[l + 1] = new float[maxRows * nOut[l]];
            delta[l] = new float[maxRows * nOut[l]];
            if (l > 0 && dropout) {
                input[l] = new float[maxRows * nIn[l]];
                mask[l] = new float[maxRows * nIn[l]];
            }
        }
    }

    int numParams() {
        return numParams;
    }

    long iterations() {
        return iterations;
    }

    /** Fresh parameters: He normal for the ReLU family, Xavier normal otherwise and for the output, zero biases. */
    void initialise(long seed) {
        Random rng = new Random(seed);
        for (int l = 0; l < layers; l++) {
            boolean he = l < layers - 1 && NetworkFactory.weightInit(c.activation())
                    == org.deeplearning4j.nn.weights.WeightInit.RELU;
            double sd = he ? Math.sqrt(2.0 / nIn[l]) : Math.sqrt(2.0 / (nIn[l] + nOut[l]));
            for (int i = wOff[l]; i < bOff[l]; i++) {
                params[i] = (float) (rng.nextGaussian() * sd);
            }
            java.util.Arrays.fill(params, bOff[l], bOff[l] + nOut[l], 0f);
        }
    }

    /** Where the dropout masks of the coming steps come from. */
    void seedDropout(long seed) {
        rngState = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    // ----- DL4J layout

    float[] exportParams() {
        return toDl4j(params);
    }

    void importParams(float[] dl4j) {
        fromDl4j(dl4j, 0, params);
    }

    /** The optimiser state in DL4J's layout: [first state over all params, second state over all params]. */
    float[] exportState() {
        float[] out = new float[state1.length + state2.length];
        if (state1.length > 0) {
            System.arraycopy(toDl4j(state1), 0, out, 0, numParams);
        }
        if (state2.length > 0) {
            System.arraycopy(toDl4j(state2), 0, out, numParams, numParams);
        }
        return out;
    }

    void importState(float[] dl4j, long iterations) {
        if (dl4j.length != state1.length + state2.length) {
            throw new IllegalArgumentException("updater state of " + dl4j.length + " values for " + c.optimizer()
                    + " over " + numParams + " parameters");
        }
        if (state1.length > 0) {
            fromDl4j(dl4j, 0, state1);
        }
        if (state2.length > 0) {
            fromDl4j(dl4j, numParams, state2);
        }
        this.iterations = iterations;
    }

    private float[] toDl4j(float[] internal) {
        float[] out = new float[numParams];
        for (int l = 0; l < layers; l++) {
            int rows = nIn[l];
            int cols = nOut[l];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    out[wOff[l] + i + j * rows] = internal[wOff[l] + i * cols + j];
                }
            }
            System.arraycopy(internal, bOff[l], out, bOff[l], cols);
        }
        return out;
    }

    private void fromDl4j(float[] dl4j, int from, float[] internal) {
        for (int l = 0; l < layers; l++) {
            int rows = nIn[l];
            int cols = nOut[l];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    internal[wOff[l] + i * cols + j] = dl4j[from + wOff[l] + i + j * rows];
                }
            }
            System.arraycopy(dl4j, from + bOff[l], internal, bOff[l], cols);
        }
    }

    // ----- training

    /** The buffer a step reads its inputs from: fill rows x numFeatures, row-major, then call {@link #step}. */
    float[] inputBuffer() {
        return act[0];
    }

    /** One optimiser step on the {@code rows} inputs in {@link #inputBuffer()} with these class labels. */
    void step(int rows, int[] labels, int[] labelIndex, int labelFrom) {
        computeGradient(rows, labels, labelIndex, labelFrom);
        update();
        iterations++;
    }

    private void computeGradient(int rows, int[] labels, int[] labelIndex, int labelFrom) {
        forward(rows, true);
        int k = nOut[layers - 1];
        float[] p = act[layers];
        float[] d = delta[layers - 1];
        float invRows = 1f / rows;
        for (int r = 0; r < rows; r++) {
            int y = labels[labelIndex[labelFrom + r]];
            for (int j = 0; j < k; j++) {
                d[r * k + j] = (p[r * k + j] - (j == y ? 1f : 0f)) * invRows;
            }
        }
        backward(rows);
        regularise();
    }

    /** The gradient of the mean loss (plus L1/L2) for the rows in the input buffer, without an update; for tests. */
    float[] gradient(int rows, int[] labels, int[] labelIndex, int labelFrom) {
        computeGradient(rows, labels, labelIndex, labelFrom);
        return toDl4j(grad);
    }

    /** The dropout scale (0 or 1/keep) last drawn for layer {@code l}'s input; for tests. */
    float[] lastMask(int l) {
        return mask[l];
    }

    /** Softmax outputs for {@code rows} inputs in the input buffer, dropout off. */
    float[] predictBuffer(int rows) {
        forward(rows, false);
        return act[layers];
    }

    int maxRows() {
        return maxRows;
    }

    private void forward(int rows, boolean training) {
        for (int l = 0; l < layers; l++) {
            float[] in = act[l];
            int ni = nIn[l];
            int no = nOut[l];
            if (training && l > 0 && dropout) {
                float[] m = mask[l];
                float[] x = input[l];
                int n = rows * ni;
                for (int e = 0; e < n; e++) {
                    float s = nextFloat() < keep ? invKeep : 0f;
                    m[e] = s;
                    x[e] = in[e] * s;
                }
                in = x;
            }
            float[] out = act[l + 1];
            float[] w = params;
            int wo = wOff[l];
            int bo = bOff[l];
            for (int r = 0; r < rows; r++) {
                int o = r * no;
                System.arraycopy(w, bo, out, o, no);
                int xo = r * ni;
                for (int i = 0; i < ni; i++) {
                    float xi = in[xo + i];
                    if (xi == 0f) {
                        continue;
                    }
                    int wi = wo + i * no;
                    for (int j = 0; j < no; j++) {
                        out[o + j] += xi * w[wi + j];
                    }
                }
            }
            if (l < layers - 1) {
                activate(out, rows * no);
            } else {
                softmax(out, rows, no);
            }
        }
    }

    private void backward(int rows) {
        for (int l = layers - 1; l >= 0; l--) {
            int ni = nIn[l];
            int no = nOut[l];
            float[] in = l > 0 && dropout ? input[l] : act[l];
            float[] d = delta[l];
            int wo = wOff[l];
            int bo = bOff[l];
            java.util.Arrays.fill(grad, wo, bo + no, 0f);
            for (int r = 0; r < rows; r++) {
                int dOff = r * no;
                int xo = r * ni;
                for (int i = 0; i < ni; i++) {
                    float xi = in[xo + i];
                    if (xi == 0f) {
                        continue;
                    }
                    int gi = wo + i * no;
                    for (int j = 0; j < no; j++) {
                        grad[gi + j] += xi * d[dOff + j];
                    }
                }
                for (int j = 0; j < no; j++) {
                    grad[bo + j] += d[dOff + j];
                }
            }
            if (l == 0) {
                break;
            }
            float[] prev = delta[l - 1];
            float[] a = act[l];
            float[] m = dropout ? mask[l] : null;
            for (int r = 0; r < rows; r++) {
                int dOff = r * no;
                for (int i = 0; i < ni; i++) {
                    int wi = wo + i * no;
                    float s0 = 0f;
                    float s1 = 0f;
                    float s2 = 0f;
                    float s3 = 0f;
                    int j = 0;
                    for (; j + 3 < no; j += 4) {
                        s0 += d[dOff + j] * params[wi + j];
                        s1 += d[dOff + j + 1] * params[wi + j + 1];
                        s2 += d[dOff + j + 2] * params[wi + j + 2];
                        s3 += d[dOff + j + 3] * params[wi + j + 3];
                    }
                    for (; j < no; j++) {
                        s0 += d[dOff + j] * params[wi + j];
                    }
                    int e = r * ni + i;
                    float g = (s0 + s1) + (s2 + s3);
                    if (m != null) {
                        g *= m[e];
                    }
                    prev[e] = g * derivative(a[e]);
                }
            }
        }
    }

    /** DL4J's L1/L2: l1·sign(w) + c·w added to the weights' gradient (not the biases') before the updater. */
    private void regularise() {
        float l1 = (float) c.l1();
        float l2 = (float) (2 * c.l2());
        if (l1 == 0f && l2 == 0f) {
            return;
        }
        for (int l = 0; l < layers; l++) {
            for (int i = wOff[l]; i < bOff[l]; i++) {
                float w = params[i];
                grad[i] += l2 * w + l1 * Math.signum(w);
            }
        }
    }

    private void update() {
        float lr = (float) c.learningRate();
        int n = numParams;
        float[] p = params;
        float[] g = grad;
        switch (c.optimizer()) {
            case SGD -> {
                for (int i = 0; i < n; i++) {
                    p[i] -= lr * g[i];
                }
            }
            case ADAM -> {
                float b1 = (float) BETA1;
                float b2 = (float) BETA2;
                float eps = (float) EPSILON;
                double t = iterations + 1;
                float alpha = (float) (lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t)));
                float[] m = state1;
                float[] v = state2;
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    float mi = b1 * m[i] + gi * (1 - b1);
                    float vi = b2 * v[i] + gi * gi * (1 - b2);
                    m[i] = mi;
                    v[i] = vi;
                    p[i] -= mi * alpha / ((float) Math.sqrt(vi) + eps);
                }
            }
            case ADAMAX -> {
                float b1 = (float) BETA1;
                float b2 = (float) BETA2;
                double t = iterations + 1;
                float alpha = (float) (lr / (1 - Math.pow(b1, t)));
                float[] m = state1;
                float[] u = state2;
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    float mi = b1 * m[i] + gi * (1 - b1);
                    float ui = Math.max(b2 * u[i], Math.abs(gi)) + 1e-32f;
                    m[i] = mi;
                    u[i] = ui;
                    p[i] -= mi * alpha / ui;
                }
            }
            case NESTEROVS -> {
                float mu = (float) MOMENTUM;
                float[] v = state1;
                for (int i = 0; i < n; i++) {
                    float prev = mu * v[i];
                    float vi = prev - lr * g[i];
                    v[i] = vi;
                    p[i] -= prev + (-mu - 1) * vi;
                }
            }
            case RMSPROP -> {
                float decay = (float) RMS_DECAY;
                float eps = (float) EPSILON;
                float[] cache = state1;
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    float ci = cache[i] * decay + gi * gi * (1 - decay);
                    cache[i] = ci;
                    p[i] -= lr * gi / ((float) Math.sqrt(ci) + eps);
                }
            }
        }
    }

    private void activate(float[] z, int n) {
        switch (c.activation()) {
            case RELU -> {
                for (int e = 0; e < n; e++) {
                    z[e] = Math.max(z[e], 0f);
                }
            }
            case LEAKYRELU -> {
                for (int e = 0; e < n; e++) {
                    float v = z[e];
                    z[e] = v > 0f ? v : LEAKY_ALPHA * v;
                }
            }
            case ELU -> {
                for (int e = 0; e < n; e++) {
                    float v = z[e];
                    z[e] = v > 0f ? v : ELU_ALPHA * (float) Math.expm1(v);
                }
            }
            case TANH -> {
                for (int e = 0; e < n; e++) {
                    z[e] = (float) Math.tanh(z[e]);
                }
            }
            case SIGMOID -> {
                for (int e = 0; e < n; e++) {
                    z[e] = (float) (1.0 / (1.0 + Math.exp(-z[e])));
                }
            }
        }
    }

    /** The activation's derivative from its output a = f(z). */
    private float derivative(float a) {
        return switch (c.activation()) {
            case RELU -> a > 0f ? 1f : 0f;
            case LEAKYRELU -> a > 0f ? 1f : LEAKY_ALPHA;
            case ELU -> a > 0f ? 1f : a + ELU_ALPHA;
            case TANH -> 1f - a * a;
            case SIGMOID -> a * (1f - a);
        };
    }

    private static void softmax(float[] z, int rows, int k) {
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            float max = z[o];
            for (int j = 1; j < k; j++) {
                max = Math.max(max, z[o + j]);
            }
            float sum = 0f;
            for (int j = 0; j < k; j++) {
                float e = (float) Math.exp(z[o + j] - max);
                z[o + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < k; j++) {
                z[o + j] *= inv;
            }
        }
    }

    /** xorshift64*: a fast generator for dropout masks, uniform in [0, 1). */
    private float nextFloat() {
        long x = rngState;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        rngState = x;
        return ((x * 0x2545F4914F6CDD1DL) >>> 40) * 0x1.0p-24f;
    }
}
