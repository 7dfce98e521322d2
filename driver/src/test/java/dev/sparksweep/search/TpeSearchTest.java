package dev.sparksweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.search.tpe.TpeSearch;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.Optimizer;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** TPE on analytic objectives (to minimise, as val_loss), in milliseconds: no Spark, no DL4J. */
class TpeSearchTest {

    /** Branin on l1 = x1 + 5 in [0, 15] and l2 = x2 in [0, 15]; its minimum is 0.397887. */
    static SearchSpace braninSpace() {
        return SearchSpace.withDefaults(List.of(new Dimension.DoubleRange("l1", 0, 15, false),
                new Dimension.DoubleRange("l2", 0, 15, false)));
    }

    static double branin(Candidate c) {
        double x1 = c.l1() - 5;
        double x2 = c.l2();
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double t = x2 - b * x1 * x1 + 5 / Math.PI * x1 - 6;
        return t * t + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
    }

    /**
     * The 6-D Hartmann function over mixed dimensions: two reals, a log-scale real, an integer, a real and a
     * categorical of five options standing for 0, 0.25, ..., 1. Its minimum on this space is near -3.2.
     */
    static SearchSpace hartmannSpace() {
        return SearchSpace.withDefaults(List.of(new Dimension.DoubleRange("l1", 0, 1, false),
                new Dimension.DoubleRange("l2", 0, 1, false),
                new Dimension.DoubleRange("learning_rate", 1e-4, 1, true),
                new Dimension.IntRange("width", 1, 101, false),
                new Dimension.DoubleRange("dropout", 0, 0.99, false),
                new Dimension.Choice("optimizer", List.of(Optimizer.SGD, Optimizer.NESTEROVS, Optimizer.ADAM,
                        Optimizer.RMSPROP, Optimizer.ADAMAX))));
    }

    static final double[][] A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8},
        {17, 8, 0.05, 10, 0.1, 14}};
    static final double[][] P = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
        {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991}, {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
        {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
    static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};

    static double hartmann(Candidate c) {
        double[] x = {c.l1(), c.l2(), (Math.log10(c.learningRate()) + 4) / 4, (c.width() - 1) / 100.0,
            c.dropout() / 0.99, List.of(Optimizer.SGD, Optimizer.NESTEROVS, Optimizer.ADAM, Optimizer.RMSPROP,
                Optimizer.ADAMAX).indexOf(c.optimizer()) / 4.0};
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                inner += A[i][j] * (x[j] - P[i][j]) * (x[j] - P[i][j]);
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }

    static TrialResult scored(Candidate c, ToDoubleFunction<Candidate> f) {
        return TrialResults.complete(c, 0.5, f.applyAsDouble(c), 1);
    }

    /** Runs {@code s} with {@code slots} trials in flight, each told in the order it was started; the best value. */
    static double bestOf(SearchStrategy s, int slots, ToDoubleFunction<Candidate> f) {
        List<Candidate> inFlight = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        while (true) {
            for (TrialRequest r : s.ask(slots - inFlight.size())) {
                inFlight.add(r.candidate());
            }
            if (inFlight.isEmpty()) {
                return best;
            }
            Candidate c = inFlight.remove(0);
            best = Math.min(best, f.applyAsDouble(c));
            s.tell(scored(c, f));
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static TpeSearch tpe(SearchSpace space, long seed, int trials) {
        return new TpeSearch(space, seed, trials, Monitor.VAL_LOSS, 10, false);
    }

    @Test
    void onBraninTpesMedianBestOver20SeedsBeatsRandomsAtTheSameBudget() {
        double[] tpe = new double[20];
        double[] random = new double[20];
        for (int seed = 0; seed < 20; seed++) {
            tpe[seed] = bestOf(tpe(braninSpace(), seed, 50), 1, TpeSearchTest::branin);
            random[seed] = bestOf(new RandomSearch(braninSpace(), seed, 50), 1, TpeSearchTest::branin);
        }
        assertTrue(median(tpe) < median(random), "tpe " + median(tpe) + " vs random " + median(random));
        assertTrue(median(tpe) < 1.0, "near the minimum 0.398: " + median(tpe));
    }

    @Test
    void onAMixedHartmannTpesMedianBestOver20SeedsBeatsRandomsAtTheSameBudget() {
        double[] tpe = new double[20];
        double[] random = new double[20];
        for (int seed = 0; seed < 20; seed++) {
            tpe[seed] = bestOf(tpe(hartmannSpace(), seed, 80), 2, TpeSearchTest::hartmann);
            random[seed] = bestOf(new RandomSearch(hartmannSpace(), seed, 80), 2, TpeSearchTest::hartmann);
        }
        assertTrue(median(tpe) < median(random), "tpe " + median(tpe) + " vs random " + median(random));
    }

    @Test
    void atParallelism100TheFirstProposalsAreStillRandom() {
        TpeSearch s = tpe(braninSpace(), 1, 300);
        List<TrialRequest> first = s.ask(100);
        assertEquals(100, first.size());
        assertTrue(first.stream().allMatch(r -> s.source(r.id()) == TpeSearch.Source.STARTUP));
        // ten results back: the model starts, although 90 trials are still in flight
        first.subList(0, 10).forEach(r -> s.tell(scored(r.candidate(), TpeSearchTest::branin)));
        List<TrialRequest> next = s.ask(10);
        assertEquals(10, next.size());
        assertTrue(next.stream().allMatch(r -> s.source(r.id()) == TpeSearch.Source.MODEL));
    }

    @Test
    void reproducibleModeProposesTheSameSequenceWhateverOrderResultsArriveIn() {
        List<String> a = reproducibly(5, new Random(1));
        List<String> b = reproducibly(5, new Random(2));
        assertEquals(40, a.size());
        assertEquals(a, b);
    }

    /** A reproducible search with three slots whose results come back in a shuffled order. */
    static List<String> reproducibly(long seed, Random arrival) {
        TpeSearch s = new TpeSearch(hartmannSpace(), seed, 40, Monitor.VAL_LOSS, 5, true);
        List<String> order = new ArrayList<>();
        List<Candidate> inFlight = new ArrayList<>();
        while (true) {
            for (TrialRequest r : s.ask(3 - inFlight.size())) {
                order.add(r.id());
                inFlight.add(r.candidate());
            }
            if (inFlight.isEmpty()) {
                return order;
            }
            Collections.shuffle(inFlight, arrival);
            Candidate c = inFlight.remove(0);
            s.tell(scored(c, TpeSearchTest::hartmann));
        }
    }

    @Test
    void aResumedReproducibleSearchProposesWhatTheUninterruptedOneDid() {
        // uninterrupted: two slots, results in the order trials started
        TpeSearch whole = new TpeSearch(hartmannSpace(), 11, 30, Monitor.VAL_LOSS, 5, true);
        List<String> proposed = new ArrayList<>();
        List<TrialResult> finished = new ArrayList<>();
        List<Candidate> inFlight = new ArrayList<>();
        while (true) {
            whole.ask(2 - inFlight.size()).forEach(r -> {
                proposed.add(r.id());
                inFlight.add(r.candidate());
            });
            if (inFlight.isEmpty()) {
                break;
            }
            TrialResult r = scored(inFlight.remove(0), TpeSearchTest::hartmann);
            finished.add(r);
            whole.tell(r);
        }
        assertEquals(30, proposed.size());
        assertEquals("startup", whole.proposal(proposed.get(0)).by());
        assertEquals("model", whole.proposal(proposed.get(29)).by());
        assertEquals(29, whole.proposal(proposed.get(29)).order());
        // the driver stopped after 17 results: the journal holds them, trial 17 and 18 were in flight
        TpeSearch resumed = new TpeSearch(hartmannSpace(), 11, 30, Monitor.VAL_LOSS, 5, true);
        resumed.resume(finished.subList(0, 17).stream().map(r -> new Journaled(r.id(), r.status(),
                Monitor.VAL_LOSS.of(r.best()))).toList());
        List<String> after = new ArrayList<>();
        inFlight.clear();
        while (true) {
            resumed.ask(2 - inFlight.size()).forEach(r -> {
                after.add(r.id());
                inFlight.add(r.candidate());
            });
            if (inFlight.isEmpty()) {
                break;
            }
            resumed.tell(scored(inFlight.remove(0), TpeSearchTest::hartmann));
        }
        assertEquals(proposed.subList(17, 30), after);
        assertEquals(17, resumed.proposal(after.get(0)).order());
    }

    @Test
    void aFiniteSpaceIsSearchedWithoutRepeatsUntilEveryPointRan() {
        SearchSpace grid = SearchStrategyContract.discrete();
        TpeSearch s = new TpeSearch(grid, 9, 100, Monitor.VAL_ACCURACY, 3, false);
        List<String> ids = new ArrayList<>();
        List<Candidate> inFlight = new ArrayList<>();
        while (true) {
            for (TrialRequest r : s.ask(4 - inFlight.size())) {
                ids.add(r.id());
                inFlight.add(r.candidate());
            }
            if (inFlight.isEmpty()) {
                break;
            }
            s.tell(SearchStrategyContract.result(inFlight.remove(0)));
        }
        assertEquals(24, ids.size());
        assertEquals(24, new HashSet<>(ids).size());
        assertTrue(s.isExhausted());
        assertEquals("the space has 24 points, fewer than max_trials 100: each runs once", s.note());
    }

    @Test
    void failedTrialsAreLeftOutOfTheModelAndOutOfTheStartupCount() {
        TpeSearch s = tpe(braninSpace(), 4, 50);
        List<TrialRequest> first = s.ask(10);
        first.forEach(r -> s.tell(TrialResult.failed(r.candidate(), "timeout")));
        List<TrialRequest> next = s.ask(3);
        assertTrue(next.stream().allMatch(r -> s.source(r.id()) == TpeSearch.Source.STARTUP),
                "ten failures are no results: still random");
    }
}
