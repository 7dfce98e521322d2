package dev.sparksweep.worker;

import java.util.Random;

/**
 * A dense feed-forward net trained on preallocated float arrays: the JVM engine's arithmetic. It reproduces
 * what NetworkFactory asks of DL4J (hidden activations, softmax with multi-class cross-entropy, inverted dropout
 * on every layer's input but the first, L1/L2 on weights added to the gradient before the updater, DL4J's
 * updaters and their defaults), so that the same parameters and batches give the same steps. A step allocates
 * nothing; the loops are plain enough for the JIT to vectorise.
 *
 * <p>Internally each layer's weights are one array per input unit (nIn arrays of nOut), and activations and
 * deltas one array per row: every inner loop then runs over arrays that start at index 0, which is what the
 * JDK 17 JIT needs to vectorise them (with offsets into one large array it does not, measured at ~5 against
 * ~24 GFLOP/s). {@link #exportParams} and {@link #importParams} convert to and from DL4J's column-major blocks.
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
    private final int numParams;
    private final int maxRows;

    /** [layer][input unit][output unit] weights and [layer][output unit] biases; likewise below. */
    private final float[][][] w;
    private final float[][] b;
    private final float[][][] gw;
    private final float[][] gb;
    private final float[][][] w1;
    private final float[][] b1;
    private final float[][][] w2;
    private final float[][] b2;
    /** Transposed weights of the layers after the first, for the backward pass: [layer][output][input]. */
    private final float[][][] wt;
    private long iterations;

    /** act[l][r]: the input of layer l for row r (act[0] holds the batch); act[layers] the softmax outputs. */
    private final float[][][] act;
    private final float[][][] input;
    private final float[][][] mask;
    private final float[][][] delta;
    private final float[] flatInput;
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
        int in = numFeatures;
        int count = 0;
        for (int l = 0; l < layers; l++) {
            nIn[l] = in;
            nOut[l] = l == layers - 1 ? numClasses : c.widthOf(l);
            if (nOut[l] < 1) {
                throw new IllegalArgumentException("layer " + l + " has " + nOut[l] + " units; width >= 1 must hold");
            }
            count += in * nOut[l] + nOut[l];
            in = nOut[l];
        }
        numParams = count;
        w = weights();
        b = biases();
        gw = weights();
        gb = biases();
        boolean one = c.optimizer() != Optimizer.SGD;
        boolean two = c.optimizer() == Optimizer.ADAM || c.optimizer() == Optimizer.ADAMAX;
        wt = new float[layers][][];
        for (int l = 1; l < layers; l++) {
            wt[l] = new float[nOut[l]][nIn[l]];
        }
        w1 = one ? weights() : null;
        b1 = one ? biases() : null;
        w2 = two ? weights() : null;
        b2 = two ? biases() : null;
        if (c.optimizer() == Optimizer.RMSPROP) {
            fill(w1, b1, (float) EPSILON); // DL4J starts the RMSProp cache at epsilon
        }
        dropout = c.dropout() > 0;
        keep = (float) (1.0 - c.dropout());
        invKeep = 1f / keep;
        act = new float[layers + 1][][];
        input = new float[layers][][];
        mask = new float[layers][][];
        delta = new float[layers][][];
        act[0] = new float[maxRows][numFeatures];
        flatInput = new float[maxRows * numFeatures];
        for (int l = 0; l < layers; l++) {
            act[l + 1] = new float[maxRows][nOut[l]];
            delta[l] = new float[maxRows][nOut[l]];
            if (l > 0 && dropout) {
                input[l] = new float[maxRows][nIn[l]];
                mask[l] = new float[maxRows][nIn[l]];
            }
        }
    }

    private float[][][] weights() {
        float[][][] out = new float[layers][][];
        for (int l = 0; l < layers; l++) {
            out[l] = new float[nIn[l]][nOut[l]];
        }
        return out;
    }

    private float[][] biases() {
        float[][] out = new float[layers][];
        for (int l = 0; l < layers; l++) {
            out[l] = new float[nOut[l]];
        }
        return out;
    }

    private void fill(float[][][] ws, float[][] bs, float v) {
        for (int l = 0; l < layers; l++) {
            for (float[] row : ws[l]) {
                java.util.Arrays.fill(row, v);
            }
            java.util.Arrays.fill(bs[l], v);
        }
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
            // DL4J's column-major order of draws: all inputs of output unit 0, then of unit 1, ...
            for (int j = 0; j < nOut[l]; j++) {
                for (int i = 0; i < nIn[l]; i++) {
                    w[l][i][j] = (float) (rng.nextGaussian() * sd);
                }
            }
            java.util.Arrays.fill(b[l], 0f);
        }
        transpose();
    }

    /** Refreshes {@link #wt} from {@link #w}. */
    private void transpose() {
        for (int l = 1; l < layers; l++) {
            float[][] wl = w[l];
            float[][] tl = wt[l];
            for (int i = 0; i < nIn[l]; i++) {
                float[] wi = wl[i];
                for (int j = 0; j < nOut[l]; j++) {
                    tl[j][i] = wi[j];
                }
            }
        }
    }

    /** Where the dropout masks of the coming steps come from. */
    void seedDropout(long seed) {
        rngState = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    // ----- DL4J layout: per layer, W as nIn x nOut column-major, then b

    float[] exportParams() {
        return toDl4j(w, b);
    }

    void importParams(float[] dl4j) {
        fromDl4j(dl4j, 0, w, b);
        transpose();
    }

    /** The optimiser state in DL4J's layout: [first state over all params, second state over all params]. */
    float[] exportState() {
        int states = (w1 == null ? 0 : 1) + (w2 == null ? 0 : 1);
        float[] out = new float[states * numParams];
        if (w1 != null) {
            System.arraycopy(toDl4j(w1, b1), 0, out, 0, numParams);
        }
        if (w2 != null) {
            System.arraycopy(toDl4j(w2, b2), 0, out, numParams, numParams);
        }
        return out;
    }

    void importState(float[] dl4j, long iterations) {
        int states = (w1 == null ? 0 : 1) + (w2 == null ? 0 : 1);
        if (dl4j.length != states * numParams) {
            throw new IllegalArgumentException("updater state of " + dl4j.length + " values for " + c.optimizer()
                    + " over " + numParams + " parameters");
        }
        if (w1 != null) {
            fromDl4j(dl4j, 0, w1, b1);
        }
        if (w2 != null) {
            fromDl4j(dl4j, numParams, w2, b2);
        }
        this.iterations = iterations;
    }

    private float[] toDl4j(float[][][] ws, float[][] bs) {
        float[] out = new float[numParams];
        int off = 0;
        for (int l = 0; l < layers; l++) {
            int rows = nIn[l];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < nOut[l]; j++) {
                    out[off + i + j * rows] = ws[l][i][j];
                }
            }
            off += rows * nOut[l];
            System.arraycopy(bs[l], 0, out, off, nOut[l]);
            off += nOut[l];
        }
        return out;
    }

    private void fromDl4j(float[] dl4j, int from, float[][][] ws, float[][] bs) {
        int off = from;
        for (int l = 0; l < layers; l++) {
            int rows = nIn[l];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < nOut[l]; j++) {
                    ws[l][i][j] = dl4j[off + i + j * rows];
                }
            }
            off += rows * nOut[l];
            System.arraycopy(dl4j, off, bs[l], 0, nOut[l]);
            off += nOut[l];
        }
    }

    // ----- training

    /** The buffer a step reads its inputs from: fill rows x numFeatures, row-major, then call {@link #step}. */
    float[] inputBuffer() {
        return flatInput;
    }

    /** One optimiser step on the {@code rows} inputs in {@link #inputBuffer()} with these class labels. */
    void step(int rows, int[] labels, int[] labelIndex, int labelFrom) {
        computeGradient(rows, labels, labelIndex, labelFrom);
        update();
        iterations++;
    }

    /** The gradient of the mean loss (plus L1/L2) for the rows in the input buffer, without an update; for tests. */
    float[] gradient(int rows, int[] labels, int[] labelIndex, int labelFrom) {
        computeGradient(rows, labels, labelIndex, labelFrom);
        return toDl4j(gw, gb);
    }

    /** The dropout scale (0 or 1/keep) last drawn for layer {@code l}'s input, row-major; for tests. */
    float[] lastMask(int l) {
        float[] out = new float[maxRows * nIn[l]];
        for (int r = 0; r < maxRows; r++) {
            System.arraycopy(mask[l][r], 0, out, r * nIn[l], nIn[l]);
        }
        return out;
    }

    /** Softmax outputs for {@code rows} inputs in the input buffer, dropout off, row-major. */
    float[] predictBuffer(int rows, float[] out, int outFrom) {
        forward(rows, false);
        int k = nOut[layers - 1];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(act[layers][r], 0, out, outFrom + r * k, k);
        }
        return out;
    }

    int maxRows() {
        return maxRows;
    }

    private void computeGradient(int rows, int[] labels, int[] labelIndex, int labelFrom) {
        forward(rows, true);
        int k = nOut[layers - 1];
        float invRows = 1f / rows;
        for (int r = 0; r < rows; r++) {
            int y = labels[labelIndex[labelFrom + r]];
            float[] p = act[layers][r];
            float[] d = delta[layers - 1][r];
            for (int j = 0; j < k; j++) {
                d[j] = p[j] * invRows;
            }
            d[y] -= invRows;
        }
        backward(rows);
        regularise();
    }

    private void forward(int rows, boolean training) {
        int f = nIn[0];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flatInput, r * f, act[0][r], 0, f);
        }
        for (int l = 0; l < layers; l++) {
            float[][] in = act[l];
            int ni = nIn[l];
            int no = nOut[l];
            if (training && l > 0 && dropout) {
                for (int r = 0; r < rows; r++) {
                    float[] m = mask[l][r];
                    float[] x = input[l][r];
                    float[] a = in[r];
                    for (int e = 0; e < ni; e++) {
                        float s = nextFloat() < keep ? invKeep : 0f;
                        m[e] = s;
                        x[e] = a[e] * s;
                    }
                }
                in = input[l];
            }
            float[][] wl = w[l];
            float[] bl = b[l];
            for (int r = 0; r < rows; r++) {
                float[] out = act[l + 1][r];
                System.arraycopy(bl, 0, out, 0, no);
                float[] x = in[r];
                for (int i = 0; i < ni; i++) {
                    float xi = x[i];
                    if (xi == 0f) {
                        continue;
                    }
                    float[] wi = wl[i];
                    for (int j = 0; j < no; j++) {
                        out[j] += xi * wi[j];
                    }
                }
                if (l < layers - 1) {
                    activate(out, no);
                } else {
                    softmax(out, no);
                }
            }
        }
    }

    private void backward(int rows) {
        for (int l = layers - 1; l >= 0; l--) {
            int ni = nIn[l];
            int no = nOut[l];
            float[][] in = l > 0 && dropout ? input[l] : act[l];
            float[][] g = gw[l];
            float[] gbl = gb[l];
            for (int i = 0; i < ni; i++) {
                java.util.Arrays.fill(g[i], 0f);
            }
            java.util.Arrays.fill(gbl, 0f);
            for (int r = 0; r < rows; r++) {
                float[] d = delta[l][r];
                float[] x = in[r];
                for (int i = 0; i < ni; i++) {
                    float xi = x[i];
                    if (xi == 0f) {
                        continue;
                    }
                    float[] gi = g[i];
                    for (int j = 0; j < no; j++) {
                        gi[j] += xi * d[j];
                    }
                }
                for (int j = 0; j < no; j++) {
                    gbl[j] += d[j];
                }
            }
            if (l == 0) {
                break;
            }
            float[][] tl = wt[l];
            for (int r = 0; r < rows; r++) {
                float[] d = delta[l][r];
                float[] prev = delta[l - 1][r];
                float[] a = act[l][r];
                java.util.Arrays.fill(prev, 0f);
                for (int j = 0; j < no; j++) {
                    float dj = d[j];
                    if (dj == 0f) {
                        continue;
                    }
                    float[] tj = tl[j];
                    for (int i = 0; i < ni; i++) {
                        prev[i] += dj * tj[i];
                    }
                }
                if (dropout) {
                    float[] m = mask[l][r];
                    for (int i = 0; i < ni; i++) {
                        prev[i] *= m[i];
                    }
                }
                for (int i = 0; i < ni; i++) {
                    prev[i] *= derivative(a[i]);
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
            for (int i = 0; i < nIn[l]; i++) {
                float[] wi = w[l][i];
                float[] gi = gw[l][i];
                for (int j = 0; j < wi.length; j++) {
                    gi[j] += l2 * wi[j] + l1 * Math.signum(wi[j]);
                }
            }
        }
    }

    private void update() {
        float lr = (float) c.learningRate();
        double t = iterations + 1;
        float alpha = switch (c.optimizer()) {
            case ADAM -> (float) (lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
            case ADAMAX -> (float) (lr / (1 - Math.pow(BETA1, t)));
            default -> lr;
        };
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < nIn[l]; i++) {
                apply(w[l][i], gw[l][i], w1 == null ? null : w1[l][i], w2 == null ? null : w2[l][i], lr, alpha);
            }
            apply(b[l], gb[l], b1 == null ? null : b1[l], b2 == null ? null : b2[l], lr, alpha);
        }
        transpose();
    }

    /** DL4J's updaters (libnd4j's formulas, in float), on one array of parameters and their state. */
    private void apply(float[] p, float[] g, float[] s1, float[] s2, float lr, float alpha) {
        int n = p.length;
        switch (c.optimizer()) {
            case SGD -> {
                for (int i = 0; i < n; i++) {
                    p[i] -= lr * g[i];
                }
            }
            case ADAM -> {
                float bt1 = (float) BETA1;
                float bt2 = (float) BETA2;
                float eps = (float) EPSILON;
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    float mi = bt1 * s1[i] + gi * (1 - bt1);
                    float vi = bt2 * s2[i] + gi * gi * (1 - bt2);
                    s1[i] = mi;
                    s2[i] = vi;
                    p[i] -= mi * alpha / ((float) Math.sqrt(vi) + eps);
                }
            }
            case ADAMAX -> {
                float bt1 = (float) BETA1;
                float bt2 = (float) BETA2;
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    float mi = bt1 * s1[i] + gi * (1 - bt1);
                    float ui = Math.max(bt2 * s2[i], Math.abs(gi)) + 1e-32f;
                    s1[i] = mi;
                    s2[i] = ui;
                    p[i] -= mi * alpha / ui;
                }
            }
            case NESTEROVS -> {
                float mu = (float) MOMENTUM;
                for (int i = 0; i < n; i++) {
                    float prev = mu * s1[i];
                    float vi = prev - lr * g[i];
                    s1[i] = vi;
                    p[i] -= prev + (-mu - 1) * vi;
                }
            }
            case RMSPROP -> {
                float decay = (float) RMS_DECAY;
                float eps = (float) EPSILON;
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    float ci = s1[i] * decay + gi * gi * (1 - decay);
                    s1[i] = ci;
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

    private static void softmax(float[] z, int k) {
        float max = z[0];
        for (int j = 1; j < k; j++) {
            max = Math.max(max, z[j]);
        }
        float sum = 0f;
        for (int j = 0; j < k; j++) {
            float e = (float) Math.exp(z[j] - max);
            z[j] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int j = 0; j < k; j++) {
            z[j] *= inv;
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
