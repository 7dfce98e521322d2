package dev.sparksweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.Checkpoint;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialState;
import dev.sparksweep.worker.TrialStatus;
import dev.sparksweep.worker.TrialTimings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HalvingSearchTest extends SearchStrategyContract {
    @Override
    SearchStrategy create(SearchSpace space, long seed, int maxTrials) {
        return new HalvingSearch(space, seed, maxTrials, 1, 3, Monitor.VAL_ACCURACY);
    }

    /** Nine candidates of 9 epochs: rungs at 1, 3 and 9. */
    static SearchSpace nine() {
        return SearchSpace.withDefaults(List.of(new Dimension.Choice("width", List.of(8, 16, 24, 32, 40, 48, 56, 64,
                72)), new Dimension.Fixed("epochs", 9)));
    }

    /** A scripted segment: accuracy fixed per candidate, paused (with a state) unless it reached epoch 9. */
    static TrialResult segment(TrialRequest req, double accuracy) {
        int epochs = req.untilEpoch();
        List<EpochMetrics> history = TrialResults.history(accuracy, 1 - accuracy, epochs);
        TrialState state = epochs < 9 ? new TrialState(new Checkpoint(new float[1], new float[0], epochs, epochs),
                history, accuracy, epochs, new float[1], 0, epochs) : null;
        return TrialResults.complete(req.candidate(), accuracy, 1 - accuracy, epochs,
                TrialTimings.worker(0, 10, 1, 11), new byte[4], state);
    }

    @Test
    void rungsGrowByEtaUpToTheCandidatesEpochs() {
        HalvingSearch h = new HalvingSearch(nine(), 1, 9, 1, 3, Monitor.VAL_ACCURACY);
        Candidate c = h.ask(1).get(0).candidate();
        assertEquals(List.of(1, 3, 9), h.rungEpochs(c));
        HalvingSearch h2 = new HalvingSearch(nine(), 1, 9, 2, 3, Monitor.VAL_ACCURACY);
        assertEquals(List.of(2, 6, 9), h2.rungEpochs(c));
    }

    @Test
    void exactlyTheTopThirdContinuesAtEachRungAndContinuesFromItsCheckpoint() {
        HalvingSearch h = new HalvingSearch(nine(), 1, 9, 1, 3, Monitor.VAL_ACCURACY);
        Map<String, Double> quality = new HashMap<>();
        Map<Integer, List<String>> continuedTo = new TreeMap<>();
        Map<String, TrialResult> finals = new HashMap<>();
        List<String> arrival = new ArrayList<>();
        for (int guard = 0; guard < 100; guard++) {
            List<TrialRequest> got = h.ask(1);
            if (got.isEmpty()) {
                break;
            }
            TrialRequest req = got.get(0);
            String id = req.id();
            if (req.from() == null) {
                // candidates arrive best first: the top third is known as soon as it arrives
                arrival.add(id);
                quality.put(id, 0.99 - 0.01 * arrival.size());
                assertEquals(1, req.untilEpoch());
            } else {
                assertEquals(req.from().epochs(), req.from().history().size());
                continuedTo.computeIfAbsent(req.untilEpoch(), k -> new ArrayList<>()).add(id);
            }
            h.tell(segment(req, quality.get(id))).ifPresent(f -> finals.put(f.id(), f));
        }
        h.close(false).forEach(f -> finals.put(f.id(), f));

        assertEquals(9, arrival.size());
        assertEquals(List.of(arrival.get(0), arrival.get(1), arrival.get(2)), continuedTo.get(3));
        assertEquals(List.of(arrival.get(0)), continuedTo.get(9));
        assertEquals(9, finals.size());
        TrialResult winner = finals.get(arrival.get(0));
        assertEquals(TrialStatus.COMPLETE, winner.status());
        assertEquals(List.of(1, 3, 9), winner.rungs());
        assertEquals(9, winner.epochsTrained());
        // three segments (1, then 2, then 6 epochs) each spent 10 ms training
        assertEquals(30.0, winner.timings().trainMillis(), 1e-9);
        for (int i = 1; i < 9; i++) {
            TrialResult f = finals.get(arrival.get(i));
            assertEquals(TrialStatus.PRUNED, f.status(), "trial " + i);
            List<Integer> expected = i < 3 ? List.of(1, 3) : List.of(1);
            assertEquals(expected, f.rungs(), "trial " + i);
            assertEquals("not in the top 1/3 at epoch " + expected.get(expected.size() - 1), f.reason());
        }
        assertNotNull(finals.get(arrival.get(8)));
    }

    @Test
    void aSearchOutOfTimeSaysSoForTheTrialsItHolds() {
        HalvingSearch h = new HalvingSearch(nine(), 1, 2, 1, 3, Monitor.VAL_ACCURACY);
        for (TrialRequest req : h.ask(2)) {
            h.tell(segment(req, 0.5));
        }
        List<TrialResult> held = h.close(true);
        assertEquals(2, held.size());
        assertEquals("stopped by max_time at epoch 1", held.get(0).reason());
        assertEquals(TrialStatus.PRUNED, held.get(0).status());
    }
}
