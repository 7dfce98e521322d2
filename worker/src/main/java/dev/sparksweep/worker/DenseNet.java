package dev.sparksweep.worker;

import java.util.Random;

/**
 * A dense feed-forward net trained on preallocated float arrays: the JVM engine's arithmetic. It reproduces
 * what NetworkFactory asks of DL4J (hidden activations, softmax with multi-class cross-entropy, inverted dropout
 * on every layer's input but the first, L1/L2 on weights added to the gradient before the updater, DL4J's
 * updaters and their defaults), so that the same parameters and batches give the same steps. A step allocates
 * nothing; the matrix products are {@link Kernels}, which give the same bits with or without the Vector API.
 *
 * <p>Internally each layer's weights are one array per input unit (nIn arrays of nOut), and activations and
 * deltas one array per row: every inner loop then runs over arrays that start at index 0, which is what the
 * JDK 17 JIT needs to vectorise them (with offsets into one large array it does not, measured at ~5 against
 * ~24 GFLOP/s). {@link Dl4jLayout} converts to and from DL4J's layout; {@link Updater} takes the steps.
 */
final class DenseNet {
    static final float LEAKY_ALPHA = 0.01f;
    static final float ELU_ALPHA = 1.0f;

    private final Candidate c;
    /** The candidate's activation, read once per network rather than per element of the passes. */
    private final Activation activation;
    private final Kernels kernels;
    /** As wide as the widest layer input: the start of the backward pass's products. */
    private final float[] zeros;
    private final Dl4jLayout layout;
    private final int layers;
    private final int[] nIn;
    private final int[] nOut;
    private final int maxRows;

    /** Parameter and gradient slots (see Dl4jLayout), and views of them by layer: */
    private final float[][] params;
    private final float[][] grads;
    /** [layer][input unit][output unit] weights and [layer][output unit] biases; likewise gw and gb. */
    private final float[][][] w;
    private final float[][] b;
    private final float[][][] gw;
    private final float[][] gb;
    private final Updater updater;
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
    /** The loss and accuracy of every training row since the last reset, from the forward pass of its step. */
    private final Scores scores = new Scores();
    /** Per class, the weight of its rows in the loss (DL4J's LossMCXENT weights); null for none. */
    private float[] classWeights;
    /** A regression's standardised targets by training row: a linear output with mean squared error. */
    private float[] targets;

    DenseNet(Candidate c, int numFeatures, int numClasses, int maxRows) {
        this(c, numFeatures, numClasses, maxRows, Kernels.BEST);
    }

    DenseNet(Candidate c, int numFeatures, int numClasses, int maxRows, Kernels kernels) {
        this.c = c;
        this.activation = c.activation();
        this.kernels = kernels;
        this.maxRows = maxRows;
        layout = new Dl4jLayout(c, numFeatures, numClasses);
        layers = layout.layers();
        nIn = new int[layers];
        nOut = new int[layers];
        params = layout.newSlots();
        grads = layout.newSlots();
        w = new float[layers][][];
        b = new float[layers][];
        gw = new float[layers][][];
        gb = new float[layers][];
        wt = new float[layers][][];
        for (int l = 0; l < layers; l++) {
            nIn[l] = layout.nIn(l);
            nOut[l] = layout.nOut(l);
            w[l] = layout.weights(params, l);
            b[l] = layout.bias(params, l);
            gw[l] = layout.weights(grads, l);
            gb[l] = layout.bias(grads, l);
            if (l > 0) {
                wt[l] = new float[nOut[l]][nIn[l]];
            }
        }
        zeros = new float[java.util.Arrays.stream(nIn).max().orElse(0)];
        updater = Updater.of(c, layout);
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

    long iterations() {
        return iterations;
    }

    /** Fresh parameters: He normal for the ReLU family, Xavier normal otherwise and for the output, zero biases. */
    void initialise(long seed) {
        Random rng = new Random(seed);
        for (int l = 0; l < layers; l++) {
            boolean he = l < layers - 1 && c.activation().heInit();
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

    // ----- DL4J layout

    float[] exportParams() {
        return layout.toDl4j(params);
    }

    void importParams(float[] dl4j) {
        layout.fromDl4j(dl4j, 0, params);
        transpose();
    }

    /** The optimiser state in DL4J's updater-state layout. */
    float[] exportState() {
        return layout.stateToDl4j(updater.state());
    }

    void importState(float[] dl4j, long iterations) {
        layout.stateFromDl4j(dl4j, c.optimizer(), updater.state());
        this.iterations = iterations;
    }

    // ----- training

    /** The buffer a step reads its inputs from: fill rows x numFeatures, row-major, then call {@link #step}. */
    float[] inputBuffer() {
        return flatInput;
    }

    /** One optimiser step on the {@code rows} inputs in {@link #inputBuffer()} with these class labels. */
    void step(int rows, int[] labels, int[] labelIndex, int labelFrom) {
        computeGradient(rows, labels, labelIndex, labelFrom);
        updater.apply(params, grads, iterations + 1, kernels);
        transpose();
        iterations++;
    }

    /** The gradient of the mean loss (plus L1/L2) for the rows in the input buffer, without an update; for tests. */
    float[] gradient(int rows, int[] labels, int[] labelIndex, int labelFrom) {
        computeGradient(rows, labels, labelIndex, labelFrom);
        return layout.toDl4j(grads);
    }

    /** The dropout scale (0 or 1/keep) last drawn for layer {@code l}'s input, row-major; for tests. */
    float[] lastMask(int l) {
        float[] out = new float[maxRows * nIn[l]];
        for (int r = 0; r < maxRows; r++) {
            System.arraycopy(mask[l][r], 0, out, r * nIn[l], nIn[l]);
        }
        return out;
    }

    /** Softmax outputs (a regression's standardised values) for {@code rows} inputs in the input buffer. */
    float[] predictBuffer(int rows, float[] out, int outFrom) {
        forward(rows, false);
        int k = nOut[layers - 1];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(act[layers][r], 0, out, outFrom + r * k, k);
        }
        return out;
    }

    Scores scores() {
        return scores;
    }

    int maxRows() {
        return maxRows;
    }

    void weightClasses(float[] weights) {
        this.classWeights = weights == null ? null : weights.clone();
    }

    /** Makes the net a regression on these targets (indexed as the labels are), or a classifier for null. */
    void regressTo(float[] targets) {
        this.targets = targets;
    }

    private void computeGradient(int rows, int[] labels, int[] labelIndex, int labelFrom) {
        forward(rows, true);
        int k = nOut[layers - 1];
        float invRows = 1f / rows;
        if (targets != null) {
            // DL4J's LossMSE with one output: (p - t)², whose gradient is 2 (p - t), over the batch's rows
            for (int r = 0; r < rows; r++) {
                float t = targets[labelIndex[labelFrom + r]];
                float p = act[layers][r][0];
                scores.addError(p, t);
                delta[layers - 1][r][0] = 2f * (p - t) * invRows;
            }
            backward(rows);
            regularise();
            return;
        }
        for (int r = 0; r < rows; r++) {
            int y = labels[labelIndex[labelFrom + r]];
            float[] p = act[layers][r];
            scores.add(p, 0, k, y);
            float[] d = delta[layers - 1][r];
            float g = classWeights == null ? invRows : classWeights[y] * invRows;
            for (int j = 0; j < k; j++) {
                d[j] = p[j] * g;
            }
            d[y] -= g;
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
                // the generator's state in a local: as a field it went through memory on every draw
                long state = rngState;
                for (int r = 0; r < rows; r++) {
                    float[] m = mask[l][r];
                    float[] x = input[l][r];
                    float[] a = in[r];
                    for (int e = 0; e < ni; e++) {
                        state = next(state);
                        float s = uniform(state) < keep ? invKeep : 0f;
                        m[e] = s;
                        x[e] = a[e] * s;
                    }
                }
                rngState = state;
                in = input[l];
            }
            kernels.multiply(in, w[l], b[l], act[l + 1], rows, ni, no);
            for (int r = 0; r < rows; r++) {
                float[] out = act[l + 1][r];
                if (l < layers - 1) {
                    activate(out, no);
                } else if (targets == null) {
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
            kernels.multiplyTransposed(in, delta[l], gw[l], rows, ni, no);
            float[] gbl = gb[l];
            java.util.Arrays.fill(gbl, 0f);
            for (int r = 0; r < rows; r++) {
                float[] d = delta[l][r];
                for (int j = 0; j < no; j++) {
                    gbl[j] += d[j];
                }
            }
            if (l == 0) {
                break;
            }
            kernels.multiply(delta[l], wt[l], zeros, delta[l - 1], rows, no, ni);
            for (int r = 0; r < rows; r++) {
                float[] prev = delta[l - 1][r];
                float[] a = act[l][r];
                if (dropout) {
                    float[] m = mask[l][r];
                    for (int i = 0; i < ni; i++) {
                        prev[i] *= m[i];
                    }
                }
                scaleByDerivative(prev, a, ni);
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
                kernels.regularise(w[l][i], gw[l][i], nOut[l], l1, l2);
            }
        }
    }

    private void activate(float[] z, int n) {
        switch (activation) {
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

    /** {@code d[i] *= f'(z)} for i < n, the activation's derivative taken from its output a = f(z). */
    private void scaleByDerivative(float[] d, float[] a, int n) {
        switch (activation) {
            case RELU -> kernels.reluGradient(d, a, n);
            case LEAKYRELU -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= a[i] > 0f ? 1f : LEAKY_ALPHA;
                }
            }
            case ELU -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= a[i] > 0f ? 1f : a[i] + ELU_ALPHA;
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= 1f - a[i] * a[i];
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= a[i] * (1f - a[i]);
                }
            }
        }
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

    /** xorshift64*: a fast generator for dropout masks. The state after {@code x}. */
    private static long next(long x) {
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        return x;
    }

    /** The draw of state {@code x}, uniform in [0, 1). */
    private static float uniform(long x) {
        return ((x * 0x2545F4914F6CDD1DL) >>> 40) * 0x1.0p-24f;
    }
}
