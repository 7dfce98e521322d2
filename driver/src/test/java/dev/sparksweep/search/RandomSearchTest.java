package dev.sparksweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RandomSearchTest extends SearchStrategyContract {
    @Override
    SearchStrategy create(SearchSpace space, long seed, int maxTrials) {
        return new RandomSearch(space, seed, maxTrials);
    }

    static SearchSpace continuous() {
        return SearchSpace.withDefaults(List.of(
                new Dimension.DoubleRange("learning_rate", 1e-5, 1.0, true),
                new Dimension.IntRange("width", 8, 256, true),
                new Dimension.DoubleRange("dropout", 0.0, 0.5, false),
                new Dimension.IntRange("hidden_layers", 1, 3, false)));
    }

    /** An analytic objective peaking at learning_rate = 10^-2.5 and width = 64. */
    static double objective(Candidate c) {
        double a = Math.log10(c.learningRate()) + 2.5;
        double b = Math.log(c.width() / 64.0);
        return -(a * a) - b * b;
    }

    @Test
    void aBudgetOf60FindsTheOptimumRegionOfAKnownFunction() {
        List<Candidate> all = drain(create(continuous(), 3, 60), 7);
        Candidate best = all.stream().max((x, y) -> Double.compare(objective(x), objective(y))).orElseThrow();
        assertTrue(best.learningRate() > 1e-3 && best.learningRate() < 1e-2, "best lr " + best.learningRate());
        assertTrue(best.width() >= 32 && best.width() <= 128, "best width " + best.width());
    }

    @Test
    void drawsStayInsideTheirBoundsAndCoverThem() {
        List<Candidate> all = drain(create(continuous(), 11, 400), 50);
        assertTrue(all.stream().allMatch(c -> c.learningRate() >= 1e-5 && c.learningRate() <= 1.0));
        assertTrue(all.stream().allMatch(c -> c.width() >= 8 && c.width() <= 256));
        assertTrue(all.stream().allMatch(c -> c.dropout() >= 0 && c.dropout() <= 0.5));
        assertEquals(List.of(1, 2, 3), all.stream().map(Candidate::hiddenLayers).distinct().sorted().toList());
        // log-uniform: about a fifth of the draws in each decade of [1e-5, 1]
        long lowDecade = all.stream().filter(c -> c.learningRate() < 1e-4).count();
        assertTrue(lowDecade > 50 && lowDecade < 110, "draws below 1e-4: " + lowDecade);
    }

    @Test
    void aSmallDiscreteSpaceSaysItRunsEveryPointOnce() {
        RandomSearch s = new RandomSearch(discrete(), 1, 100);
        assertEquals("the space has 24 points, fewer than max_trials 100: each runs once", s.note());
        assertEquals("", new RandomSearch(discrete(), 1, 10).note());
    }

    @Test
    void anotherSeedDrawsAnotherSequence() {
        String a = new RandomSearch(continuous(), 1, 5).candidates().stream().map(Candidate::id)
                .collect(Collectors.joining());
        String b = new RandomSearch(continuous(), 2, 5).candidates().stream().map(Candidate::id)
                .collect(Collectors.joining());
        assertNotEquals(a, b);
    }
}
