package dev.sparksweep.worker;

/** Hidden-layer activations a candidate may use. The output layer is always softmax. */
public enum Activation {
    RELU, LEAKYRELU, ELU, TANH, SIGMOID;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** He initialisation for the ReLU family, Xavier (Glorot) for the saturating activations. */
    public boolean heInit() {
        return this == RELU || this == LEAKYRELU || this == ELU;
    }
}
