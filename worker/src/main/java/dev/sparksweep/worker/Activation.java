package dev.sparksweep.worker;

/** Hidden-layer activations a candidate may use. The output layer is always softmax. */
public enum Activation {
    RELU, LEAKYRELU, ELU, TANH, SIGMOID;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
