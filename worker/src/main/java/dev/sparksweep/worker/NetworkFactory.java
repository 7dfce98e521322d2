package dev.sparksweep.worker;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The one place that turns a Candidate into a DL4J network. */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    /** An initialised network with fresh parameters drawn from the candidate's seed. */
    public static MultiLayerNetwork build(Candidate c, int numFeatures, int numClasses) {
        return build(c, numFeatures, numClasses, new LossMCXENT());
    }

    /** As {@link #build(Candidate, int, int)}; a regression has one linear output with mean squared error. */
    public static MultiLayerNetwork build(Candidate c, int numFeatures, int numClasses, boolean regression) {
        return regression ? build(c, numFeatures, 1, new LossMSE()) : build(c, numFeatures, numClasses);
    }

    private static MultiLayerNetwork build(Candidate c, int numFeatures, int numClasses, ILossFunction loss) {
        Backend.ensureReady();
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(c, numFeatures, numClasses, loss));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(Candidate c, int numFeatures, int numClasses) {
        return configuration(c, numFeatures, numClasses, new LossMCXENT());
    }

    private static MultiLayerConfiguration configuration(Candidate c, int numFeatures, int numClasses,
                                                         ILossFunction loss) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                .updater(Updater.dl4j(c.optimizer(), c.learningRate()));
        // Keras adds l2·Σw² to the loss, whose gradient is 2·l2·w; DL4J's l2(c) adds c·w. L1 matches as is.
        if (c.l1() > 0) {
            b.l1(c.l1());
        }
        if (c.l2() > 0) {
            b.l2(2 * c.l2());
        }
        NeuralNetConfiguration.ListBuilder list = b.list();
        int nIn = numFeatures;
        for (int i = 0; i < c.hiddenLayers(); i++) {
            DenseLayer.Builder dense = new DenseLayer.Builder()
                    .nIn(nIn).nOut(c.widthOf(i))
                    .activation(activation(c.activation()))
                    .weightInit(weightInit(c.activation()));
            dropoutOnInput(dense, c, i);
            list.layer(dense.build());
            nIn = c.widthOf(i);
        }
        OutputLayer.Builder out = new OutputLayer.Builder(loss)
                .nIn(nIn).nOut(numClasses)
                .activation(loss instanceof LossMSE ? org.nd4j.linalg.activations.Activation.IDENTITY
                        : org.nd4j.linalg.activations.Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER);
        dropoutOnInput(out, c, c.hiddenLayers());
        list.layer(out.build());
        return list.build();
    }

    /**
     * Keras's Dropout(rate) after each hidden layer. DL4J applies dropOut(p) to a layer's input and p is the
     * probability of keeping a unit, so every layer after the first gets 1 - rate; the pixels never do.
     */
    private static void dropoutOnInput(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> layer, Candidate c,
                                       int layerIndex) {
        if (layerIndex > 0 && c.dropout() > 0) {
            layer.dropOut(1.0 - c.dropout());
        }
    }

    static org.nd4j.linalg.activations.Activation activation(Activation a) {
        return switch (a) {
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case LEAKYRELU -> org.nd4j.linalg.activations.Activation.LEAKYRELU;
            case ELU -> org.nd4j.linalg.activations.Activation.ELU;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
        };
    }

    static WeightInit weightInit(Activation a) {
        return a.heInit() ? WeightInit.RELU : WeightInit.XAVIER;
    }

    /** The candidate's network on a ready backend, seeded, fresh (from == null) or restored from a checkpoint. */
    public static MultiLayerNetwork start(Candidate c, TrainingData data, Checkpoint from) {
        return start(c, data, from, data.regression() ? new LossMSE() : data.classWeights() == null
                ? new LossMCXENT() : new LossMCXENT(weights(data.classWeights())));
    }

    /** Class weights as DL4J's loss functions take them: a row vector. */
    static org.nd4j.linalg.api.ndarray.INDArray weights(float[] classWeights) {
        Backend.ensureReady();
        return org.nd4j.linalg.factory.Nd4j.create(classWeights, new long[] {1, classWeights.length}, 'c');
    }

    /**
     * As {@link #start(Candidate, TrainingData, Checkpoint)}, scoring with {@code loss}: multi-class cross-entropy
     * (softmax outputs), or mean squared error (a linear output).
     */
    static MultiLayerNetwork start(Candidate c, TrainingData data, Checkpoint from, ILossFunction loss) {
        Backend.ensureReady();
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(c.seed());
        MultiLayerNetwork net = build(c, data.numFeatures(), data.numClasses(), loss);
        if (from != null) {
            restore(net, from);
        }
        return net;
    }

    /** Sets a fresh network to a checkpoint's parameters, updater state and counters. */
    public static void restore(MultiLayerNetwork net, Checkpoint from) {
        net.setParams(org.nd4j.linalg.factory.Nd4j.create(from.params()).reshape(1, from.params().length));
        org.nd4j.linalg.api.ndarray.INDArray state = net.getUpdater().getStateViewArray();
        if (state != null) {
            state.assign(org.nd4j.linalg.factory.Nd4j.create(from.updaterState()).reshape(state.shape()));
        }
        net.setIterationCount((int) from.iterations());
        net.setEpochCount(from.epochs());
    }

    /** A network's state after {@code epochs} epochs, in the checkpoint format both engines share. */
    public static Checkpoint checkpoint(MultiLayerNetwork net, int epochs) {
        org.nd4j.linalg.api.ndarray.INDArray state = net.getUpdater().getStateViewArray();
        return new Checkpoint(net.params().toFloatVector(),
                state == null ? new float[0] : org.nd4j.linalg.factory.Nd4j.toFlattened('c', state).toFloatVector(),
                epochs, net.getIterationCount());
    }
}
