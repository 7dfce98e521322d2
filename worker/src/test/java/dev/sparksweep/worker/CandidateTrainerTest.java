package dev.sparksweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CandidateTrainerTest {
    static TrainingData digits;

    @BeforeAll
    static void load() {
        digits = DigitsFixture.load();
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"DL4J", "JVM"})
    void aTrialPastItsTimeoutIsFailedAfterTheEpochInProgress(Engine engine) {
        TrialResult r = CandidateTrainer.train(TrialRequest.whole(candidate("slow", 1e-3, 0, 0, 50, null)), digits,
                engine, TrainMetrics.RUNNING, 1);
        assertEquals(TrialStatus.FAILED, r.status());
        assertEquals("timeout", r.reason());
        assertEquals(1, r.epochsTrained());
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"DL4J", "JVM"})
    void aTrialPausedAndContinuedTrainsExactlyAsOneThatNeverStopped(Engine engine) {
        Candidate c = candidate("cont", 1e-3, 0.2, 1e-4, 6, new EarlyStopping(Monitor.VAL_LOSS, 50, 0.0));
        TrialResult straight = CandidateTrainer.train(new TrialRequest(c, null, 6), digits, engine, TrainMetrics.RUNNING, 0);
        TrialResult first = CandidateTrainer.train(new TrialRequest(c, null, 2), digits, engine, TrainMetrics.RUNNING, 0);
        assertTrue(first.canContinue());
        assertEquals(2, first.epochsTrained());
        TrialResult second = CandidateTrainer.train(new TrialRequest(c, first.state(), 4), digits, engine, TrainMetrics.RUNNING, 0);
        TrialResult third = CandidateTrainer.train(new TrialRequest(c, second.state(), 6), digits, engine, TrainMetrics.RUNNING, 0);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), third.history().stream().map(EpochMetrics::epoch).toList());
        assertEquals(straight.history(), third.history());
        assertEquals(straight.steps(), third.steps());
        assertArrayEquals(straight.bestParams(), third.bestParams());
        assertTrue(!third.canContinue(), "the last epoch was trained: nothing left to continue");
    }

    @Test
    void anEarlyStoppedTrialCannotContinue() {
        TrialResult r = CandidateTrainer.train(new TrialRequest(
                candidate("es", 1e-3, 0.0, 0.0, 30, new EarlyStopping(Monitor.VAL_LOSS, 3, 100.0)), null, 20), digits,
                Engine.JVM, TrainMetrics.RUNNING, 0);
        assertEquals(4, r.epochsTrained());
        assertTrue(!r.canContinue());
    }

    @Test
    void autoPicksTheJvmEngineForTheLessonsNetsAndDl4jForLargeSteps() {
        Candidate small = candidate("s", 1e-3, 0, 0, 1, null);
        assertEquals(Engine.JVM, Engine.AUTO.resolve(small, 64, 10, 1078));
        Candidate big = Candidates.dense("b", 1, 256, Activation.RELU, 128, 1, Optimizer.ADAM, 1e-3, 0, 0, 0, null, 1);
        // 1.6e8 FLOPs a step: DL4J's with the scalar loops, the JVM engine's with the vector kernels (tests have them)
        assertEquals(Engine.JVM, Engine.AUTO.resolve(big, 784, 10, 60000));
        Candidate bigger = Candidates.dense("B", 1, 1024, Activation.RELU, 256, 1, Optimizer.ADAM, 1e-3, 0, 0, 0, null,
                1);
        assertEquals(Engine.DL4J, Engine.AUTO.resolve(bigger, 784, 10, 60000));
        assertEquals(Engine.DL4J, Engine.DL4J.resolve(small, 64, 10, 1078));
    }

    static Candidate candidate(String id, double lr, double dropout, double l2, int epochs, EarlyStopping es) {
        return Candidates.lesson(id, lr, dropout, l2, epochs, es);
    }

    static TrialResult train(Candidate c, TrainingData data, EngineChoice engine) {
        return CandidateTrainer.train(TrialRequest.whole(c), data, engine, TrainMetrics.RUNNING, 0);
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"DL4J", "JVM"})
    void oneCandidateLearnsTheDigits(Engine engine) {
        TrialResult r = train(
                candidate("ok", 1e-3, 0.2, 1e-4, 40, new EarlyStopping(Monitor.VAL_LOSS, 5, 0.0)), digits, engine);
        assertEquals(TrialStatus.COMPLETE, r.status(), r.reason());
        assertEquals(engine.key(), r.engine());
        assertTrue(r.best().valAccuracy() >= 0.95, "val accuracy " + r.best().valAccuracy());
        assertEquals(r.epochsTrained(), r.history().size());
        // the restored epoch is the one with the lowest validation loss
        double minLoss = r.history().stream().mapToDouble(EpochMetrics::valLoss).min().orElseThrow();
        assertEquals(minLoss, r.best().valLoss(), 0.0);
        int params = 64 * 64 + 64 + 64 * 10 + 10;
        assertEquals(params * Float.BYTES, r.bestParams().length);
        assertTrue(r.timings().trainMillis() > 0 && r.timings().totalMillis() >= r.timings().trainMillis());
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"DL4J", "JVM"})
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement(Engine engine) {
        // a min_delta no epoch can reach: epoch 1 is the best and training stops 3 epochs later
        TrialResult r = train(
                candidate("es", 1e-3, 0.0, 0.0, 30, new EarlyStopping(Monitor.VAL_LOSS, 3, 100.0)), digits, engine);
        assertEquals(TrialStatus.COMPLETE, r.status(), r.reason());
        assertEquals(4, r.epochsTrained());
        assertEquals(1, r.bestEpoch());
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"DL4J", "JVM"})
    void withoutEarlyStoppingEveryEpochIsTrainedAndTheLastKept(Engine engine) {
        TrialResult r = train(candidate("all", 1e-3, 0.0, 0.0, 3, null), digits, engine);
        assertEquals(3, r.epochsTrained());
        assertEquals(3, r.bestEpoch());
        // 1347 training rows in batches of 32: 43 steps an epoch
        assertEquals(3 * 43L, r.steps());
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"DL4J", "JVM"})
    void aHugeLearningRateEndsFailedOrDivergedInsteadOfThrowing(Engine engine) {
        TrialResult r = train(
                candidate("lr10", 10.0, 0.0, 0.0, 10, new EarlyStopping(Monitor.VAL_LOSS, 3, 0.0)), digits, engine);
        if (r.status() == TrialStatus.FAILED) {
            assertEquals("loss is NaN or infinite after epoch " + r.epochsTrained() + " (diverged)", r.reason());
            assertEquals(0, r.bestParams().length);
        } else {
            assertTrue(r.best().valAccuracy() < 0.5, "diverged, but got " + r.best().valAccuracy());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"DL4J", "JVM"})
    void anImpossibleCandidateIsFailedWithAReason(Engine engine) {
        Candidate bad = Candidates.dense("bad", 1, 0, Activation.RELU, 32, 2, Optimizer.ADAM, 1e-3, 0.0, 0.0, 0.0,
                null, 42L);
        TrialResult r = train(bad, digits, engine);
        assertEquals(TrialStatus.FAILED, r.status());
        assertTrue(!r.reason().isBlank() && !r.reason().contains("\n"), r.reason());
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"DL4J", "JVM"})
    void sameCandidateOnTwoThreadsTrainsIdentically(Engine engine) throws Exception {
        Candidate c = candidate("rep", 1e-3, 0.2, 1e-4, 3, null);
        CompletableFuture<TrialResult> a = CompletableFuture.supplyAsync(
                () -> train(c, digits, engine));
        CompletableFuture<TrialResult> b = CompletableFuture.supplyAsync(
                () -> train(c, digits, engine));
        assertEquals(a.get().history(), b.get().history());
        assertArrayEquals(a.get().bestParams(), b.get().bestParams());
    }
}
