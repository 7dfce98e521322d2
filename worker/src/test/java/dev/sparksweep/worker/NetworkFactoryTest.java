package dev.sparksweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;

/** The Keras-to-DL4J mapping of NetworkFactory, read back from the DL4J configuration it builds. */
class NetworkFactoryTest {

    static Candidate candidate(Optimizer opt, double dropout, double l2) {
        return Candidate.builder("nf").hiddenLayers(2).width(16).activation(Activation.RELU).batchSize(8).epochs(1)
                .optimizer(opt).learningRate(0.0123).dropout(dropout).l1(0.0).l2(l2).seed(1).build();
    }

    @Test
    void everyOptimizerGetsTheCandidatesLearningRate() {
        for (Optimizer o : Optimizer.values()) {
            MultiLayerConfiguration conf = NetworkFactory.configuration(candidate(o, 0, 0), 64, 10);
            IUpdater u = ((BaseLayer) conf.getConf(0).getLayer()).getIUpdater();
            assertEquals(0.0123, u.getLearningRate(0, 0), 1e-12, o.name());
        }
    }

    @Test
    void dropoutKeepsOneMinusTheRateOnEveryLayerButTheFirst() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(candidate(Optimizer.ADAM, 0.2, 0), 64, 10);
        assertNull(conf.getConf(0).getLayer().getIDropout());
        for (int l = 1; l < 3; l++) {
            assertEquals(0.8, ((Dropout) conf.getConf(l).getLayer().getIDropout()).getP(), 1e-12);
        }
    }

    @Test
    void kerasL2BecomesTwiceTheCoefficientOnWeightsOnly() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(candidate(Optimizer.ADAM, 0, 1e-4), 64, 10);
        BaseLayer layer = (BaseLayer) conf.getConf(0).getLayer();
        assertEquals(1, layer.getRegularization().size());
        assertEquals(2e-4, ((L2Regularization) layer.getRegularization().get(0)).getL2().valueAt(0, 0), 1e-15);
        assertEquals(0, layer.getRegularizationBias().size());
    }
}
