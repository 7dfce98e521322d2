package dev.sparksweep.worker;

/**
 * A candidate's dense layers and the one conversion between the JVM engine's parameter arrays and DL4J's
 * flattened layout (per layer, W as an nIn x nOut column-major block, then b; an updater's state is one such
 * block list per state array, one after the other).
 *
 * <p>The JVM engine keeps anything shaped like the parameters (weights, gradients, optimiser state) as
 * <em>slots</em>: per layer, one array of nOut per input unit, then the bias array. Every slot starts at index 0,
 * which is what the JIT needs to vectorise the loops over it.
 */
final class Dl4jLayout {
    private final int layers;
    private final int[] nIn;
    private final int[] nOut;
    /** The index of layer l's first weight slot; its bias slot is at firstSlot[l] + nIn[l]. */
    private final int[] firstSlot;
    private final int slots;
    private final int numParams;

    Dl4jLayout(Candidate c, int numFeatures, int numClasses) {
        layers = c.hiddenLayers() + 1;
        nIn = new int[layers];
        nOut = new int[layers];
        firstSlot = new int[layers];
        int in = numFeatures;
        int params = 0;
        int slot = 0;
        for (int l = 0; l < layers; l++) {
            nIn[l] = in;
            nOut[l] = l == layers - 1 ? numClasses : c.widthOf(l);
            if (nOut[l] < 1) {
                throw new IllegalArgumentException("layer " + l + " has " + nOut[l] + " units; width >= 1 must hold");
            }
            firstSlot[l] = slot;
            slot += in + 1;
            params += in * nOut[l] + nOut[l];
            in = nOut[l];
        }
        slots = slot;
        numParams = params;
    }

    int layers() {
        return layers;
    }

    int nIn(int l) {
        return nIn[l];
    }

    int nOut(int l) {
        return nOut[l];
    }

    int numParams() {
        return numParams;
    }

    /** Fresh zero slots. */
    float[][] newSlots() {
        float[][] out = new float[slots][];
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i <= nIn[l]; i++) {
                out[firstSlot[l] + i] = new float[nOut[l]];
            }
        }
        return out;
    }

    /** Layer l's weight slots, [input unit][output unit]: the same arrays, not copies. */
    float[][] weights(float[][] slots, int l) {
        return java.util.Arrays.copyOfRange(slots, firstSlot[l], firstSlot[l] + nIn[l]);
    }

    float[] bias(float[][] slots, int l) {
        return slots[firstSlot[l] + nIn[l]];
    }

    float[] toDl4j(float[][] slots) {
        float[] out = new float[numParams];
        toDl4j(slots, out, 0);
        return out;
    }

    /** Writes {@code slots} in DL4J's order to {@code out} from index {@code from}. */
    void toDl4j(float[][] slots, float[] out, int from) {
        int off = from;
        for (int l = 0; l < layers; l++) {
            int rows = nIn[l];
            for (int i = 0; i < rows; i++) {
                float[] wi = slots[firstSlot[l] + i];
                for (int j = 0; j < nOut[l]; j++) {
                    out[off + i + j * rows] = wi[j];
                }
            }
            off += rows * nOut[l];
            System.arraycopy(bias(slots, l), 0, out, off, nOut[l]);
            off += nOut[l];
        }
    }

    /** Reads {@code slots} from {@code dl4j}, in DL4J's order from index {@code from}. */
    void fromDl4j(float[] dl4j, int from, float[][] slots) {
        int off = from;
        for (int l = 0; l < layers; l++) {
            int rows = nIn[l];
            for (int i = 0; i < rows; i++) {
                float[] wi = slots[firstSlot[l] + i];
                for (int j = 0; j < nOut[l]; j++) {
                    wi[j] = dl4j[off + i + j * rows];
                }
            }
            off += rows * nOut[l];
            System.arraycopy(dl4j, off, bias(slots, l), 0, nOut[l]);
            off += nOut[l];
        }
    }

    /** {@code states} (each a set of slots) in DL4J's updater-state layout: one after the other. */
    float[] stateToDl4j(float[][]... states) {
        float[] out = new float[states.length * numParams];
        for (int k = 0; k < states.length; k++) {
            toDl4j(states[k], out, k * numParams);
        }
        return out;
    }

    void stateFromDl4j(float[] dl4j, Optimizer optimizer, float[][]... states) {
        if (dl4j.length != states.length * numParams) {
            throw new IllegalArgumentException("updater state of " + dl4j.length + " values for " + optimizer
                    + " over " + numParams + " parameters");
        }
        for (int k = 0; k < states.length; k++) {
            fromDl4j(dl4j, k * numParams, states[k]);
        }
    }
}
