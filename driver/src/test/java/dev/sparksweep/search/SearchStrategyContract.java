package dev.sparksweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every SearchStrategy promises: ask never hands out more than asked or than the budget, never the same
 * candidate twice where the space allows, the same sequence for the same seed, and nothing after exhaustion.
 * Each strategy has a subclass that runs this suite; no Spark and no DL4J, milliseconds.
 */
abstract class SearchStrategyContract {

    abstract SearchStrategy create(SearchSpace space, long seed, int maxTrials);

    /** A discrete space of 3 x 4 x 2 = 24 points. */
    static SearchSpace discrete() {
        return SearchSpace.withDefaults(List.of(
                new Dimension.Choice("width", List.of(16, 32, 64)),
                new Dimension.Choice("batch_size", List.of(8, 16, 32, 64)),
                new Dimension.Choice("dropout", List.of(0.0, 0.2))));
    }

    static TrialResult result(Candidate c) {
        double acc = 1.0 / (1 + Math.abs(c.width() - 32));
        return TrialResults.complete(c, acc, 1 - acc, 1);
    }

    /**
     * Drives a strategy to the end, asking for {@code batch} at a time and telling every result at once;
     * returns the new candidates in the order they were started (continuations are not new).
     */
    static List<Candidate> drain(SearchStrategy s, int batch) {
        List<Candidate> all = new ArrayList<>();
        for (int guard = 0; guard < 10_000; guard++) {
            List<TrialRequest> got = s.ask(batch);
            assertTrue(got.size() <= batch, "asked for " + batch + ", got " + got.size());
            if (got.isEmpty()) {
                break;
            }
            got.stream().filter(r -> r.from() == null).forEach(r -> all.add(r.candidate()));
            got.forEach(r -> s.tell(result(r.candidate())));
        }
        assertTrue(s.isExhausted(), "the strategy never finished");
        s.close(false);
        return all;
    }

    @Test
    void askForNothingGetsNothing() {
        assertEquals(List.of(), create(discrete(), 1, 10).ask(0));
    }

    @Test
    void everyTrialEndsWithExactlyOneFinalResult() {
        SearchStrategy s = create(discrete(), 3, 9);
        List<String> finals = new ArrayList<>();
        for (int guard = 0; guard < 1000; guard++) {
            List<TrialRequest> got = s.ask(2);
            if (got.isEmpty()) {
                break;
            }
            got.forEach(r -> s.tell(result(r.candidate())).ifPresent(f -> finals.add(f.id())));
        }
        s.close(false).forEach(f -> finals.add(f.id()));
        assertEquals(9, finals.size());
        assertEquals(9, new HashSet<>(finals).size());
    }

    @Test
    void theBudgetIsRespectedAndPlannedTrialsIsExact() {
        SearchStrategy s = create(discrete(), 1, 10);
        List<Candidate> all = drain(s, 3);
        assertEquals(10, all.size());
        assertEquals(10, s.plannedTrials());
    }

    @Test
    void noCandidateIsHandedOutTwice() {
        List<Candidate> all = drain(create(discrete(), 5, 24), 4);
        assertEquals(all.size(), new HashSet<>(all.stream().map(Candidate::id).toList()).size());
    }

    @Test
    void theSameSeedGivesTheSameSequence() {
        List<String> a = drain(create(discrete(), 7, 12), 2).stream().map(Candidate::id).toList();
        List<String> b = drain(create(discrete(), 7, 12), 5).stream().map(Candidate::id).toList();
        assertEquals(a, b);
    }

    @Test
    void nothingComesAfterExhaustion() {
        SearchStrategy s = create(discrete(), 1, 4);
        drain(s, 4);
        assertEquals(List.of(), s.ask(3));
        assertEquals(List.of(), s.close(false));
        assertTrue(s.isExhausted());
    }

    @Test
    void aBudgetLargerThanTheSpaceRunsEachPointOnce() {
        SearchStrategy s = create(discrete(), 1, 100);
        List<Candidate> all = drain(s, 8);
        assertEquals(24, all.size());
        assertEquals(24, new HashSet<>(all.stream().map(Candidate::id).toList()).size());
    }
}
