package dev.sparksweep.worker;

/** Gradient updaters, with DL4J's defaults for everything but the learning rate. */
public enum Optimizer {
    ADAM, SGD, NESTEROVS, RMSPROP, ADAMAX;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
