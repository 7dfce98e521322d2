package dev.sparksweep.worker;

import java.io.Serializable;

/**
 * A trial's state between epochs, in a form either engine can continue from: the parameters in DL4J's
 * flattened layout (per layer W as an nIn x nOut column-major block, then b), the optimiser's state in DL4J's
 * updater-state layout (Adam and AdaMax: [m, v] over all parameters; Nesterovs: [v]; RMSProp: [cache]; SGD:
 * empty), and how many epochs and optimiser steps are behind it. Dl4jLayout converts the JVM engine's
 * arrays to and from this layout.
 */
public record Checkpoint(float[] params, float[] updaterState, int epochs, long iterations) implements Serializable {
}
