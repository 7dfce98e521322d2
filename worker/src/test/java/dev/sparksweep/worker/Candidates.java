package dev.sparksweep.worker;

import java.util.List;

/** The one place worker tests build candidates, so that a change to Candidate's constructor is fixed here. */
final class Candidates {
    private Candidates() {
    }

    /** The lessons' net: one hidden layer of 64 ReLU units, Adam, batches of 32, seed 42. */
    static Candidate lesson(String id, double lr, double dropout, double l2, int epochs, EarlyStopping es) {
        return dense(id, 1, 64, Activation.RELU, 32, epochs, Optimizer.ADAM, lr, dropout, 0.0, l2, es, 42L);
    }

    /** Every hidden layer {@code width} units wide. */
    static Candidate dense(String id, int layers, int width, Activation act, int batch, int epochs, Optimizer opt,
                           double lr, double dropout, double l1, double l2, EarlyStopping es, long seed) {
        return base(id, act, batch, epochs, opt, lr, dropout, l1, l2, es, seed).hiddenLayers(layers).width(width)
                .build();
    }

    /** One width per hidden layer. */
    static Candidate widths(String id, List<Integer> widths, Activation act, int batch, int epochs, Optimizer opt,
                            double lr, double dropout, double l1, double l2, EarlyStopping es, long seed) {
        return base(id, act, batch, epochs, opt, lr, dropout, l1, l2, es, seed).hiddenLayers(widths.size())
                .layerWidths(widths).build();
    }

    private static Candidate.Builder base(String id, Activation act, int batch, int epochs, Optimizer opt, double lr,
                                          double dropout, double l1, double l2, EarlyStopping es, long seed) {
        return Candidate.builder(id).activation(act).batchSize(batch).epochs(epochs).optimizer(opt).learningRate(lr)
                .dropout(dropout).l1(l1).l2(l2).earlyStopping(es).seed(seed);
    }
}
