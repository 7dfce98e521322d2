package dev.sparksweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.search.tpe.TpeSearch;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.Checkpoint;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialState;
import dev.sparksweep.worker.TrialTimings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A halving search whose driver dies after k of its events and is rebuilt from the log it wrote: on an analytic
 * objective, in milliseconds. The checkpoint store outlives the crash, as checkpoints/ does.
 */
class ReplayTest {
    static final int EPOCHS = 9;

    /** 27 widths; a segment's accuracy depends only on the width and the epoch it reaches. */
    static SearchSpace space() {
        List<Object> widths = new ArrayList<>();
        for (int w = 8; w <= 216; w += 8) {
            widths.add(w);
        }
        return SearchSpace.withDefaults(List.of(new Dimension.Choice("width", widths),
                new Dimension.Fixed("epochs", EPOCHS)));
    }

    static double accuracy(Candidate c, int epoch) {
        return (1 - Math.abs(Math.log(c.width() / 96.0)) / 8) * (1 - 1.0 / (epoch + 1));
    }

    /** Trains segments on a pool (so they finish out of order) and records each one it trains. */
    static final class Segments implements TrialExecutor {
        final ExecutorService pool = Executors.newFixedThreadPool(3);
        final List<String> trained = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletableFuture<TrialResult> submit(TrialRequest req) {
            TrialState from = req.from();
            assertTrue(from == null || !from.isParked() && from.checkpoint().epochs() == from.epochs(),
                    "a segment starts from a whole state");
            return CompletableFuture.supplyAsync(() -> {
                Candidate c = req.candidate();
                int start = from == null ? 0 : from.epochs();
                if (start < req.untilEpoch()) {
                    // a segment in flight whose checkpoint was already saved continues with no epoch to train
                    trained.add(c.id() + ":" + start + "-" + req.untilEpoch());
                }
                try {
                    Thread.sleep((c.width() * 7L) % 5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                List<EpochMetrics> history = new ArrayList<>(from == null ? List.of() : from.history());
                for (int e = start + 1; e <= req.untilEpoch(); e++) {
                    double a = accuracy(c, e);
                    history.add(new EpochMetrics(e, 1 - a, a, 1 - a, a));
                }
                int n = history.size();
                float[] params = {c.width(), n};
                TrialState state = n < EPOCHS ? new TrialState(new Checkpoint(params, new float[2], n, n),
                        history, accuracy(c, n), n, params, 0, n) : null;
                return new TrialResult(c, TrialResult.Verdict.complete(), new TrialResult.Training("jvm", history,
                        n, n, new byte[8]), TrialResult.Placement.host("h"), TrialTimings.worker(0, 1, 0, 1), state);
            }, pool);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    static final class Crash extends RuntimeException {
    }

    /** Writes the log as a driver would, and dies at event {@code crashAt} (never, when negative). */
    static final class Log implements SearchRunner.Listener {
        final List<Replay.Step> steps;
        final List<String> notes = new ArrayList<>();
        final Map<Long, TrialRequest> started = new LinkedHashMap<>();
        int events;
        final int crashAt;

        Log(List<Replay.Step> steps, int crashAt) {
            this.steps = steps;
            this.crashAt = crashAt;
        }

        private void event() {
            if (events++ == crashAt) {
                throw new Crash();
            }
        }

        @Override
        public void started(long seq, TrialRequest r) {
            event();
            steps.add(new Replay.Start(seq, r.id(), r.untilEpoch(), r.from() != null));
        }

        @Override
        public void ended(long seq, TrialResult r) {
            event();
            steps.add(new Replay.End(seq, r.id(), r.verdict(), r.training(), r.placement(), r.timings(),
                    r.state()));
        }

        @Override
        public void told(long seq, TrialResult r, Optional<TrialResult> over) {
            event();
            steps.add(new Replay.Told(seq));
        }

        @Override
        public void closed(TrialResult r) {
            event();
            steps.add(new Replay.Closed(-1, r.reason().startsWith("stopped by max_time")));
        }

        @Override
        public void note(String line) {
            notes.add(line);
        }
    }

    /** What a journal would keep of a final result. */
    static String line(TrialResult r) {
        return r.id() + " " + r.status() + " " + r.epochsTrained() + " " + r.rungs() + " " + r.reason() + " "
                + r.best().valAccuracy() + " params " + r.bestParams().length;
    }

    /** @param inFlight the segments that were in flight at the crash, as "id:from-to" */
    record Outcome(Map<String, String> journal, List<String> trained, List<String> notes, Set<String> inFlight) {
    }

    static Outcome run(Supplier<SearchStrategy> strategy, int crashAt, boolean loseCheckpoints)
            throws InterruptedException {
        return run(strategy, loseCheckpoints, crashAt);
    }

    /**
     * Runs the search, killing its driver at each of {@code crashes} (events counted from each start) and
     * resuming it from the log; a result told again after a crash must be the one journalled.
     */
    static Outcome run(Supplier<SearchStrategy> strategy, boolean loseCheckpoints, int... crashes)
            throws InterruptedException {
        Map<String, String> journal = new LinkedHashMap<>();
        List<String> trained = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Replay.Step> steps = new ArrayList<>();
        CheckpointStore store = CheckpointStore.inMemory();
        Set<String> inFlight = new HashSet<>();
        java.util.function.Consumer<TrialResult> journalling = r -> {
            String before = journal.putIfAbsent(r.id(), line(r));
            // a trial closed before the crash is closed again without its (deleted) checkpoint: same verdict
            assertTrue(before == null || before.replaceAll(" params \\d+$", "").equals(line(r)
                    .replaceAll(" params \\d+$", "")), "told again differently: " + before + " / " + line(r));
        };
        Replay.Point point = Replay.Point.FRESH;
        for (int i = 0; ; i++) {
            int crashAt = i < crashes.length ? crashes[i] : -1;
            SearchStrategy s = strategy.get();
            if (i > 0) {
                point = Replay.into(s, List.copyOf(steps), journal.keySet());
                if (i == 1) {
                    point.inFlight().forEach(p -> inFlight.add(p.request().id() + ":" + (p.request().from() == null
                            ? 0 : p.request().from().epochs()) + "-" + p.request().untilEpoch()));
                }
            }
            Log log = new Log(steps, crashAt);
            Segments ex = new Segments();
            try {
                new SearchRunner(s, ex, 3, null, true).checkpoints(store).listener(log).run(journalling, point);
            } catch (Crash expected) {
                if (loseCheckpoints && i == 0) {
                    steps.stream().filter(st -> st instanceof Replay.End e && e.parked() != null)
                            .map(st -> ((Replay.End) st).id()).distinct().forEach(store::delete);
                }
            } finally {
                ex.pool.shutdown();
                ex.pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            trained.addAll(ex.trained);
            notes.addAll(log.notes);
            if (log.events <= crashAt || crashAt < 0) {
                return new Outcome(journal, trained, notes, inFlight);
            }
        }
    }

    static HalvingSearch halving() {
        return new HalvingSearch(space(), 7, 27, 1, 3, Monitor.VAL_ACCURACY);
    }

    static HalvingSearch bohb() {
        return new HalvingSearch(new TpeSearch(space(), 7, 7, 27, Monitor.VAL_ACCURACY, 6, false, 0), space(), 7, 1,
                3, Monitor.VAL_ACCURACY);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 17, 30, 44, 61, 80})
    void aHalvingSearchKilledAfterKEventsEndsAsAnUninterruptedOne(int k) throws Exception {
        Outcome whole = run(ReplayTest::halving, -1, false);
        Outcome crashed = run(ReplayTest::halving, k, false);
        assertEquals(27, whole.journal().size());
        assertEquals(whole.journal(), crashed.journal());
        assertTrue(crashed.notes().isEmpty(), crashed.notes().toString());
    }

    @Test
    void aSearchKilledAgainAndAgainAndInItsClosingEndsAsAnUninterruptedOne() throws Exception {
        Outcome whole = run(ReplayTest::halving, -1, false);
        assertEquals(whole.journal(), run(ReplayTest::halving, false, 20, 15, 30, 25).journal());
        // the last events are the closes of the pruned trials: a kill among them starts nothing new
        for (int k : new int[] {118, 125, 131}) {
            Outcome o = run(ReplayTest::halving, k, false);
            assertEquals(whole.journal(), o.journal(), "killed at event " + k);
            assertEquals(new HashSet<>(whole.trained()), new HashSet<>(o.trained()));
        }
    }

    @Test
    void halvingWithTpeCandidatesResumesToTheSameJournal() throws Exception {
        Outcome whole = run(ReplayTest::bohb, -1, false);
        for (int k : new int[] {9, 40, 75}) {
            assertEquals(whole.journal(), run(ReplayTest::bohb, k, false).journal(), "killed at event " + k);
        }
    }

    @Test
    void noSegmentThatEndedIsTrainedAgainAndOnlyThoseInFlightAre() throws Exception {
        Outcome whole = run(ReplayTest::halving, -1, false);
        Outcome crashed = run(ReplayTest::halving, 50, false);
        assertEquals(new HashSet<>(whole.trained()), new HashSet<>(crashed.trained()));
        assertFalse(crashed.inFlight().isEmpty());
        Map<String, Integer> times = new java.util.HashMap<>();
        crashed.trained().forEach(t -> times.merge(t, 1, Integer::sum));
        times.forEach((segment, n) -> assertTrue(n == 1 || n == 2 && crashed.inFlight().contains(segment),
                segment + " trained " + n + " times; in flight at the crash: " + crashed.inFlight()));
    }

    @Test
    void aTrialWhoseCheckpointIsLostTrainsAgainFromScratchAndSaysSo() throws Exception {
        Outcome whole = run(ReplayTest::halving, -1, false);
        Outcome crashed = run(ReplayTest::halving, 60, true);
        // the same decisions; a trial pruned while its checkpoint was lost has no kept parameters to save
        java.util.function.Function<Outcome, Map<String, String>> decisions = o -> {
            Map<String, String> m = new java.util.HashMap<>();
            o.journal().forEach((id, l) -> m.put(id, l.replaceAll(" params \\d+$", "")));
            return m;
        };
        assertEquals(decisions.apply(whole), decisions.apply(crashed));
        assertTrue(crashed.journal().values().stream().anyMatch(l -> l.endsWith("params 0")));
        assertFalse(crashed.notes().isEmpty());
        assertTrue(crashed.notes().stream().allMatch(n -> n.matches(
                "trial c[0-9a-f]{10} trains again from scratch to epoch [39]: no readable checkpoint at epoch [13]")),
                crashed.notes().toString());
        assertTrue(crashed.trained().stream().anyMatch(s -> s.matches("c[0-9a-f]{10}:0-[39]")));
    }

    @Test
    void aLogThatTheSearchWouldNotHaveWrittenIsRefused() {
        List<Replay.Step> steps = List.of(new Replay.Start(0, "c0000000000", 1, false));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Replay.into(halving(), steps));
        assertTrue(e.getMessage().matches("segment 0: the search must propose what the log started, but got "
                + "c[0-9a-f]{10} to epoch 1 \\(new\\) where the log has c0000000000 to epoch 1 \\(new\\)"), e.getMessage());
    }
}
