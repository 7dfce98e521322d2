package dev.sparksweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The JVM engine against DL4J itself: what makes the second engine trustworthy. */
class EngineEquivalenceTest {
    static TrainingData digits;
    static int[] identity;

    @BeforeAll
    static void load() {
        digits = DigitsFixture.load();
        identity = new int[digits.trainRows()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
    }

    static Candidate candidate(int layers, int width, Activation act, Optimizer opt, double lr, double l1, double l2,
                               double dropout) {
        return Candidates.dense("eq", layers, width, act, 32, 1, opt, lr, dropout, l1, l2, null, 7);
    }

    /** A DL4J network and a DenseNet holding the same (DL4J-initialised) parameters. */
    static MultiLayerNetwork dl4j(Candidate c) {
        return NetworkFactory.build(c, 64, 10);
    }

    static DenseNet jvmLike(Candidate c, MultiLayerNetwork net) {
        DenseNet d = new DenseNet(c, 64, 10, 512);
        d.importParams(net.params().toFloatVector());
        return d;
    }

    static INDArray rows(float[] x, int from, int count, int width) {
        float[] out = new float[count * width];
        System.arraycopy(x, from * width, out, 0, count * width);
        return Nd4j.create(out, new long[] {count, width}, 'c');
    }

    static INDArray oneHot(int[] y, int from, int count) {
        float[] out = new float[count * 10];
        for (int r = 0; r < count; r++) {
            out[r * 10 + y[from + r]] = 1f;
        }
        return Nd4j.create(out, new long[] {count, 10}, 'c');
    }

    static double relativeDifference(float[] a, float[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (double) (a[i] - b[i]);
            norm += b[i] * (double) b[i];
        }
        return Math.sqrt(diff / Math.max(norm, 1e-30));
    }

    @Test
    void theSameParametersGiveTheSameOutputsToOneInAHundredThousand() {
        for (Activation act : Activation.values()) {
            Candidate c = candidate(2, 48, act, Optimizer.ADAM, 1e-3, 0, 0, 0);
            MultiLayerNetwork net = dl4j(c);
            DenseNet d = jvmLike(c, net);
            float[] expected = Nd4j.toFlattened('c', net.output(rows(digits.valX(), 0, 300, 64), false))
                    .toFloatVector();
            System.arraycopy(digits.valX(), 0, d.inputBuffer(), 0, 300 * 64);
            float[] got = d.predictBuffer(300, new float[300 * 10], 0);
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - got[i]));
            }
            assertTrue(worst <= 1e-5, act + ": largest difference " + worst);
        }
    }

    @Test
    void layersOfDifferentWidthsTrainAlikeInBothEngines() {
        Candidate c = Candidates.widths("w", List.of(48, 16), Activation.RELU, 32, 1, Optimizer.ADAM, 1e-3, 0, 0, 1e-4,
                null, 7);
        MultiLayerNetwork net = dl4j(c);
        DenseNet d = jvmLike(c, net);
        for (int s = 0; s < 10; s++) {
            net.fit(rows(digits.trainX(), s * 32, 32, 64), oneHot(digits.trainY(), s * 32, 32));
            System.arraycopy(digits.trainX(), s * 32 * 64, d.inputBuffer(), 0, 32 * 64);
            d.step(32, digits.trainY(), identity, s * 32);
        }
        assertEquals(64 * 48 + 48 + 48 * 16 + 16 + 16 * 10 + 10, d.exportParams().length);
        double rel = relativeDifference(d.exportParams(), net.params().toFloatVector());
        assertTrue(rel <= 1e-4, "48-16 net: parameters differ by a relative " + rel);
    }

    static Stream<Arguments> optimisers() {
        List<Arguments> out = new ArrayList<>();
        for (Optimizer o : Optimizer.values()) {
            double lr = o == Optimizer.SGD || o == Optimizer.NESTEROVS ? 0.05 : 1e-3;
            out.add(Arguments.of(o, lr, 0.0, 0.0));
            out.add(Arguments.of(o, lr, 1e-4, 5e-4));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} lr={1} l1={2} l2={3}")
    @MethodSource("optimisers")
    void twentyStepsLandOnTheSameParametersAsDl4j(Optimizer opt, double lr, double l1, double l2) {
        Candidate c = candidate(2, 32, Activation.TANH, opt, lr, l1, l2, 0);
        MultiLayerNetwork net = dl4j(c);
        DenseNet d = jvmLike(c, net);
        for (int s = 0; s < 20; s++) {
            int from = s * 32;
            net.fit(rows(digits.trainX(), from, 32, 64), oneHot(digits.trainY(), from, 32));
            System.arraycopy(digits.trainX(), from * 64, d.inputBuffer(), 0, 32 * 64);
            d.step(32, digits.trainY(), identity, from);
        }
        float[] expected = net.params().toFloatVector();
        double rel = relativeDifference(d.exportParams(), expected);
        assertTrue(rel <= 1e-4, opt + ": parameters differ by a relative " + rel);
        INDArray state = net.getUpdater().getStateViewArray();
        if (state != null) {
            double stateRel = relativeDifference(d.exportState(), Nd4j.toFlattened('c', state).toFloatVector());
            assertTrue(stateRel <= 1e-3, opt + ": updater state differs by a relative " + stateRel);
        }
        assertEquals(20, d.iterations());
    }

    @Test
    void gradientsAgreeWithCentralFiniteDifferences() {
        Candidate c = candidate(1, 12, Activation.TANH, Optimizer.SGD, 0.1, 0.0, 1e-3, 0);
        DenseNet d = new DenseNet(c, 64, 10, 64);
        d.initialise(3);
        int rows = 16;
        System.arraycopy(digits.trainX(), 0, d.inputBuffer(), 0, rows * 64);
        float[] analytic = d.gradient(rows, digits.trainY(), identity, 0);
        float[] p = d.exportParams();
        double eps = 1e-2;
        int checked = 0;
        double worst = 0;
        for (int i = 0; i < p.length; i += 7) {
            float[] plus = p.clone();
            float[] minus = p.clone();
            plus[i] += (float) eps;
            minus[i] -= (float) eps;
            double numeric = (loss(d, plus, rows, c) - loss(d, minus, rows, c)) / (2 * eps);
            double err = Math.abs(numeric - analytic[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[i]));
            worst = Math.max(worst, err);
            checked++;
        }
        assertTrue(checked > 100);
        assertTrue(worst <= 2e-2, "worst relative error " + worst);
    }

    /** Mean cross-entropy plus l2·Σw² over weights, in double, at the given (DL4J-layout) parameters. */
    private static double loss(DenseNet d, float[] params, int rows, Candidate c) {
        d.importParams(params);
        System.arraycopy(digits.trainX(), 0, d.inputBuffer(), 0, rows * 64);
        float[] out = d.predictBuffer(rows, new float[rows * 10], 0);
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            loss -= Math.log(out[r * 10 + digits.trainY()[r]]);
        }
        double reg = 0;
        int weights1 = 64 * c.width();
        int weights2 = c.width() * 10;
        for (int i = 0; i < weights1; i++) {
            reg += params[i] * (double) params[i];
        }
        int off = weights1 + c.width();
        for (int i = off; i < off + weights2; i++) {
            reg += params[i] * (double) params[i];
        }
        return loss / rows + c.l2() * reg;
    }

    @Test
    void dropoutKeepsTheConfiguredFractionAndScalesByItsInverse() {
        Candidate c = candidate(2, 64, Activation.RELU, Optimizer.ADAM, 1e-3, 0, 0, 0.3);
        DenseNet d = new DenseNet(c, 64, 10, 512);
        d.initialise(5);
        d.seedDropout(11);
        System.arraycopy(digits.trainX(), 0, d.inputBuffer(), 0, 512 * 64);
        d.step(512, digits.trainY(), identity, 0);
        float[] mask = d.lastMask(1);
        int kept = 0;
        for (int e = 0; e < 512 * 64; e++) {
            assertTrue(mask[e] == 0f || Math.abs(mask[e] - 1 / 0.7f) < 1e-6, "mask value " + mask[e]);
            if (mask[e] != 0f) {
                kept++;
            }
        }
        double fraction = kept / (512.0 * 64);
        // 32768 draws: the standard error of the kept fraction is 0.0025
        assertEquals(0.7, fraction, 0.01);
    }

    @Test
    void aCheckpointContinuesInTheOtherEngine() {
        Candidate c = Candidates.dense("cp", 1, 32, Activation.RELU, 64, 4, Optimizer.ADAM, 1e-3, 0, 0, 0, null, 9);
        TrainingEngine.Session jvm = Engine.JVM.engineFor(c, digits).open(c, digits, null);
        jvm.trainEpoch(1);
        jvm.trainEpoch(2);
        Checkpoint cp = jvm.checkpoint();
        TrainingEngine.Session inDl4j = Engine.DL4J.engineFor(c, digits).open(c, digits, cp);
        TrainingEngine.Session inJvm = Engine.JVM.engineFor(c, digits).open(c, digits, cp);
        assertEquals(0.0, relativeDifference(inDl4j.checkpoint().params(), cp.params()), 1e-7);
        inDl4j.trainEpoch(3);
        inJvm.trainEpoch(3);
        // 1347 training rows in batches of 64: 22 steps an epoch
        assertEquals(3 * 22L, inJvm.checkpoint().iterations());
        double rel = relativeDifference(inJvm.checkpoint().params(), inDl4j.checkpoint().params());
        assertTrue(rel <= 1e-4, "an epoch continued in each engine differs by a relative " + rel);
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"DL4J", "JVM"})
    void aFullBatchEpochsRunningMetricsAreThoseOfTheParametersBeforeItsStep(Engine engine) {
        Candidate c = Candidates.dense("run", 1, 32, Activation.RELU, Candidate.FULL_BATCH, 3, Optimizer.ADAM, 1e-2, 0,
                0, 0, null, 9);
        TrainingEngine.Session s = engine.engineFor(c, digits).open(c, digits, null);
        for (int epoch = 1; epoch <= 3; epoch++) {
            double[] before = Scores.lossAndAccuracy(s.predict(digits.trainX(), digits.trainRows()), digits.trainY(),
                    10);
            s.trainEpoch(epoch);
            double[] running = s.runningMetrics();
            assertEquals(before[0], running[0], 1e-5 * before[0], engine + " epoch " + epoch + " loss");
            assertEquals(before[1], running[1], 0.5 / digits.trainRows(), engine + " epoch " + epoch + " accuracy");
        }
    }

    @Test
    void bothEnginesReportTheSameRunningMetricsOverMiniBatches() {
        Candidate c = Candidates.dense("run", 2, 32, Activation.TANH, 32, 2, Optimizer.ADAM, 1e-3, 0, 1e-4, 1e-4, null,
                9);
        TrainingEngine.Session dl4j = Engine.DL4J.engineFor(c, digits).open(c, digits, null);
        TrainingEngine.Session jvm = Engine.JVM.engineFor(c, digits).open(c, digits, dl4j.checkpoint());
        for (int epoch = 1; epoch <= 2; epoch++) {
            jvm.trainEpoch(epoch);
            dl4j.trainEpoch(epoch);
            double[] a = jvm.runningMetrics();
            double[] b = dl4j.runningMetrics();
            assertEquals(b[0], a[0], 1e-4 * b[0], "epoch " + epoch + " running loss");
            assertEquals(b[1], a[1], 2.0 / digits.trainRows(), "epoch " + epoch + " running accuracy");
            double[] exact = Scores.lossAndAccuracy(jvm.predict(digits.trainX(), digits.trainRows()), digits.trainY(),
                    10);
            // the running mean is taken while the parameters improve, so it trails the epoch's end
            assertTrue(a[0] > exact[0], "epoch " + epoch + ": running " + a[0] + " against exact " + exact[0]);
        }
    }

    @Test
    void classWeightsScaleTheLossAlikeInBothEnginesAndLeaveTheMetricsUnweighted() {
        float[] weights = {0.5f, 1f, 1.5f, 2f, 0.25f, 1f, 3f, 1f, 0.75f, 1.25f};
        TrainingData weighted = new TrainingData(digits.trainX(), digits.trainY(), digits.valX(), digits.valY(), 64, 10,
                weights);
        Candidate c = Candidates.dense("cw", 2, 32, Activation.TANH, 32, 2, Optimizer.ADAM, 1e-3, 0, 0, 0, null, 9);
        TrainingEngine.Session dl4j = Engine.DL4J.engineFor(c, weighted).open(c, weighted, null);
        TrainingEngine.Session jvm = Engine.JVM.engineFor(c, weighted).open(c, weighted, dl4j.checkpoint());
        TrainingEngine.Session plain = Engine.JVM.engineFor(c, digits).open(c, digits, dl4j.checkpoint());
        for (int epoch = 1; epoch <= 2; epoch++) {
            jvm.trainEpoch(epoch);
            dl4j.trainEpoch(epoch);
            plain.trainEpoch(epoch);
        }
        double rel = relativeDifference(jvm.checkpoint().params(), dl4j.checkpoint().params());
        assertTrue(rel <= 1e-4, "weighted training differs between the engines by a relative " + rel);
        double moved = relativeDifference(jvm.checkpoint().params(), plain.checkpoint().params());
        assertTrue(moved > 1e-3, "the weights must change training, but moved it only by " + moved);
        // the recorded running loss is plain cross-entropy in both engines, not the weighted loss
        assertEquals(dl4j.runningMetrics()[0], jvm.runningMetrics()[0], 1e-4 * jvm.runningMetrics()[0]);
    }

    /** The digits' pixels with a linear target, standardised: t = Σ c_j x_j + noise, c_j fixed by a seed. */
    static TrainingData linearRegression() {
        java.util.Random rng = new java.util.Random(11);
        float[] coef = new float[64];
        for (int j = 0; j < 64; j++) {
            coef[j] = (float) rng.nextGaussian();
        }
        float[] train = targets(digits.trainX(), coef, rng);
        float[] val = targets(digits.valX(), coef, rng);
        double mean = 0;
        for (float t : train) {
            mean += t;
        }
        mean /= train.length;
        double var = 0;
        for (float t : train) {
            var += (t - mean) * (t - mean);
        }
        double scale = Math.sqrt(var / train.length);
        return TrainingData.regression(digits.trainX(), digits.valX(), 64, new TrainingData.Target(
                standardise(train, mean, scale), standardise(val, mean, scale), mean, scale));
    }

    private static float[] targets(float[] x, float[] coef, java.util.Random rng) {
        float[] t = new float[x.length / 64];
        for (int r = 0; r < t.length; r++) {
            double v = 0.1 * rng.nextGaussian();
            for (int j = 0; j < 64; j++) {
                v += coef[j] * x[r * 64 + j];
            }
            t[r] = (float) v;
        }
        return t;
    }

    private static float[] standardise(float[] t, double mean, double scale) {
        float[] out = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = (float) ((t[i] - mean) / scale);
        }
        return out;
    }

    @Test
    void aRegressionTrainsAlikeInBothEngines() {
        TrainingData reg = linearRegression();
        Candidate c = Candidates.dense("reg", 2, 32, Activation.RELU, 32, 2, Optimizer.ADAM, 1e-3, 0, 0, 1e-4, null, 9);
        TrainingEngine.Session dl4j = Engine.DL4J.engineFor(c, reg).open(c, reg, null);
        TrainingEngine.Session jvm = Engine.JVM.engineFor(c, reg).open(c, reg, dl4j.checkpoint());
        float[] before = jvm.predict(reg.valX(), reg.valRows());
        assertEquals(0.0, relativeDifference(before, dl4j.predict(reg.valX(), reg.valRows())), 1e-5);
        assertEquals(reg.valRows(), before.length, "one linear output per row");
        for (int epoch = 1; epoch <= 2; epoch++) {
            jvm.trainEpoch(epoch);
            dl4j.trainEpoch(epoch);
            double[] a = jvm.runningMetrics();
            double[] b = dl4j.runningMetrics();
            assertEquals(b[0], a[0], 1e-4 * b[0], "epoch " + epoch + " running mean squared error");
            assertTrue(Double.isNaN(a[1]) && Double.isNaN(b[1]), "a regression has no accuracy");
        }
        double rel = relativeDifference(jvm.checkpoint().params(), dl4j.checkpoint().params());
        assertTrue(rel <= 1e-4, "regression training differs between the engines by a relative " + rel);
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"DL4J", "JVM"})
    void aLinearTargetIsLearnedToNearItsNoise(Engine engine) {
        TrainingData reg = linearRegression();
        Candidate c = Candidates.dense("lin", 1, 32, Activation.RELU, 32, 40, Optimizer.ADAM, 3e-3, 0, 0, 0, null, 9);
        TrialResult r = CandidateTrainer.train(new TrialRequest(c, null, c.epochs()), reg, engine, TrainMetrics.RUNNING,
                0);
        assertEquals(TrialStatus.COMPLETE, r.verdict().status(), r.verdict().reason());
        EpochMetrics last = r.training().history().get(r.training().history().size() - 1);
        assertTrue(Double.isNaN(last.valAccuracy()) && Double.isNaN(last.valMacroF1()));
        // noise sd 0.1 against a target sd of about 10: R² of a near-exact fit is above 0.99
        assertTrue(last.valR2() > 0.98, engine + ": validation R² " + last.valR2());
        assertTrue(last.valRmse() < 0.15 * reg.target().scale(), engine + ": validation RMSE " + last.valRmse()
                + " against a target sd of " + reg.target().scale());
        assertEquals(Math.sqrt(last.valLoss()) * reg.target().scale(), last.valRmse(), 1e-9 * last.valRmse());
        assertTrue(last.valMae() <= last.valRmse() + 1e-12);
    }

    @Test
    void balancedWeightsGiveEveryClassTheSameTotal() {
        float[] w = TrainingData.balancedWeights(new int[] {0, 0, 0, 1, 2, 2}, 4);
        // 6 rows, 4 classes: 6 / (4 x 3), 6 / (4 x 1), 6 / (4 x 2); no rows of class 3
        assertEquals(0.5f, w[0], 1e-7);
        assertEquals(1.5f, w[1], 1e-7);
        assertEquals(0.75f, w[2], 1e-7);
        assertEquals(0f, w[3]);
    }
}
