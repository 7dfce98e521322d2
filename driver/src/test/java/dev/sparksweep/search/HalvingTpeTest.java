package dev.sparksweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.search.tpe.TpeSearch;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Halving whose new candidates come from TPE fitted on the rungs (BOHB-style), on Branin: no Spark, no DL4J. */
class HalvingTpeTest {
    static SearchSpace space() {
        return SearchSpace.withDefaults(List.of(new Dimension.DoubleRange("l1", 0, 15, false),
                new Dimension.DoubleRange("l2", 0, 15, false), new Dimension.Fixed("epochs", 9)));
    }

    static HalvingSearch bohb(long seed, int trials) {
        return new HalvingSearch(new TpeSearch(space(), seed, trials, Monitor.VAL_ACCURACY, 10, false), space(), seed,
                1, 3, Monitor.VAL_ACCURACY);
    }

    /** Runs with two slots; the best accuracy of a trial that trained all 9 epochs, and every final result. */
    static double run(HalvingSearch s, List<TrialResult> finals) {
        List<TrialRequest> inFlight = new ArrayList<>();
        double best = 0;
        while (true) {
            inFlight.addAll(s.ask(2 - inFlight.size()));
            if (inFlight.isEmpty()) {
                break;
            }
            TrialRequest req = inFlight.remove(0);
            double acc = 1 / (1 + TpeSearchTest.branin(req.candidate()));
            if (req.untilEpoch() == 9) {
                best = Math.max(best, acc);
            }
            s.tell(HalvingSearchTest.segment(req, acc)).ifPresent(finals::add);
        }
        finals.addAll(s.close(false));
        return best;
    }

    @Test
    void bohbsMedianBestOver10SeedsBeatsHalvingWithRandomCandidates() {
        double[] bohb = new double[10];
        double[] random = new double[10];
        for (int seed = 0; seed < 10; seed++) {
            bohb[seed] = run(bohb(seed, 45), new ArrayList<>());
            random[seed] = run(new HalvingSearch(space(), seed, 45, 1, 3, Monitor.VAL_ACCURACY), new ArrayList<>());
        }
        assertTrue(TpeSearchTest.median(bohb) > TpeSearchTest.median(random),
                "bohb " + TpeSearchTest.median(bohb) + " vs random " + TpeSearchTest.median(random));
    }

    @Test
    void everyCandidateEndsOnceAndNoneRepeats() {
        List<TrialResult> finals = new ArrayList<>();
        run(bohb(3, 30), finals);
        assertEquals(30, finals.size());
        Set<String> ids = new HashSet<>();
        finals.forEach(f -> assertTrue(ids.add(f.id()), "twice: " + f.id()));
        assertTrue(finals.stream().anyMatch(f -> f.status() == TrialStatus.COMPLETE));
        assertTrue(finals.stream().anyMatch(f -> f.status() == TrialStatus.PRUNED));
    }
}
