package dev.sparksweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.search.GridSearch;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The driver loop on a cheap analytic objective: no Spark, no DL4J, milliseconds. */
class SearchRunnerTest {

    /** Accuracy peaks at width 64; width 13 makes the "job" itself fail. */
    static final class AnalyticExecutor implements TrialExecutor {
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();

        @Override
        public CompletableFuture<TrialResult> submit(TrialRequest req) {
            Candidate c = req.candidate();
            return CompletableFuture.supplyAsync(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(c.width() / 8);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                if (c.width() == 13) {
                    throw new IllegalStateException("executor lost");
                }
                double acc = 1.0 - Math.abs(Math.log(c.width() / 64.0)) / 10;
                return TrialResults.complete(c, acc, 1 - acc, 1);
            }, pool);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    static GridSearch grid(Integer... widths) {
        return new GridSearch(SearchSpace.withDefaults(List.of(new Dimension.Choice("width", List.of(
                (Object[]) widths)))), 1, Integer.MAX_VALUE);
    }

    /** Short segments (10 ms in the worker) in tasks of several; records the groups it was given. */
    static final class GroupingExecutor implements TrialExecutor {
        final List<Integer> groupSizes = new ArrayList<>();
        final AtomicInteger tasksInFlight = new AtomicInteger();
        final AtomicInteger maxTasks = new AtomicInteger();

        @Override
        public CompletableFuture<TrialResult> submit(TrialRequest req) {
            return submitGroups(List.of(List.of(req))).get(0);
        }

        @Override
        public List<CompletableFuture<TrialResult>> submitGroups(List<List<TrialRequest>> groups) {
            List<CompletableFuture<TrialResult>> out = new ArrayList<>();
            for (List<TrialRequest> g : groups) {
                synchronized (groupSizes) {
                    groupSizes.add(g.size());
                }
                maxTasks.accumulateAndGet(tasksInFlight.incrementAndGet(), Math::max);
                List<CompletableFuture<TrialResult>> mine = new ArrayList<>();
                g.forEach(r -> mine.add(new CompletableFuture<>()));
                out.addAll(mine);
                CompletableFuture.runAsync(() -> {
                    tasksInFlight.decrementAndGet();
                    for (int i = 0; i < g.size(); i++) {
                        Candidate c = g.get(i).candidate();
                        mine.get(i).complete(TrialResults.complete(c, c.width() / 1000.0, 1, 1,
                                new dev.sparksweep.worker.TrialTimings(0, 12, 1, 8, 1, 0, 10), new byte[0], null));
                    }
                });
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aPlannedSearchOfShortSegmentsTrainsThemSeveralToATaskAndEachOnce() throws Exception {
        Integer[] widths = new Integer[60];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = i + 1;
        }
        List<TrialResult> got = new ArrayList<>();
        GroupingExecutor ex = new GroupingExecutor();
        int n = new SearchRunner(grid(widths), ex, 2, null).run(got::add);
        assertEquals(60, n);
        assertEquals(60, got.stream().map(TrialResult::id).distinct().count());
        assertEquals(60, ex.groupSizes.stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(1, 1), ex.groupSizes.subList(0, 2), "the first segments go alone: no timing yet");
        assertEquals(SearchRunner.MAX_GROUP, ex.groupSizes.stream().mapToInt(Integer::intValue).max().orElse(0));
        assertTrue(ex.maxTasks.get() <= 2, "at most parallelism tasks in flight, got " + ex.maxTasks.get());
    }

    @Test
    void anAdaptiveStrategyIsNeverAskedAhead() throws Exception {
        GroupingExecutor ex = new GroupingExecutor();
        GridSearch g = grid(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        SearchStrategy adaptive = new SearchStrategy() {
            @Override
            public List<TrialRequest> ask(int n) {
                return g.ask(n);
            }

            @Override
            public java.util.Optional<TrialResult> tell(TrialResult result) {
                return g.tell(result);
            }

            @Override
            public boolean isExhausted() {
                return g.isExhausted();
            }

            @Override
            public int plannedTrials() {
                return g.plannedTrials();
            }
        };
        assertEquals(12, new SearchRunner(adaptive, ex, 2, null).run(r -> { }));
        assertTrue(ex.groupSizes.stream().allMatch(k -> k == 1), ex.groupSizes.toString());
    }

    @Test
    void everyCandidateRunsOnceWithAtMostParallelismInFlight() throws Exception {
        List<TrialResult> got = new ArrayList<>();
        try (AnalyticExecutor ex = new AnalyticExecutor()) {
            int n = new SearchRunner(grid(8, 16, 32, 64, 128, 256, 512), ex, 3, null).run(got::add);
            assertEquals(7, n);
            assertTrue(ex.maxRunning.get() <= 3, "max in flight " + ex.maxRunning.get());
        }
        assertEquals(7, got.stream().map(TrialResult::id).distinct().count());
        TrialResult best = got.stream().max((a, b) -> Double.compare(a.best().valAccuracy(),
                b.best().valAccuracy())).orElseThrow();
        assertEquals(64, best.candidate().width());
    }

    @Test
    void aFailedJobIsAFailedTrialAndTheSearchGoesOn() throws Exception {
        List<TrialResult> got = new ArrayList<>();
        try (AnalyticExecutor ex = new AnalyticExecutor()) {
            new SearchRunner(grid(8, 13, 64), ex, 2, null).run(got::add);
        }
        assertEquals(3, got.size());
        TrialResult failed = got.stream().filter(r -> r.candidate().width() == 13).findFirst().orElseThrow();
        assertEquals(TrialStatus.FAILED, failed.status());
        assertEquals("spark job failed: IllegalStateException: executor lost", failed.reason());
    }

    @Test
    void orderedResultsReachTheStrategyInTheOrderTheyStarted() throws Exception {
        List<String> told = new ArrayList<>();
        GridSearch g = grid(512, 8, 256, 16, 128, 32);
        try (AnalyticExecutor ex = new AnalyticExecutor()) {
            new SearchRunner(g, ex, 3, null, true).run(r -> told.add(r.id()));
        }
        assertEquals(g.candidates().stream().map(Candidate::id).toList(), told);
    }

    @Test
    void unorderedResultsArriveAsTheyFinish() throws Exception {
        List<Integer> told = new ArrayList<>();
        try (AnalyticExecutor ex = new AnalyticExecutor()) {
            new SearchRunner(grid(512, 8), ex, 2, null, false).run(r -> told.add(r.candidate().width()));
        }
        assertEquals(List.of(8, 512), told);
    }

    @Test
    void aSpentTimeBudgetStartsNothingNew() throws Exception {
        List<TrialResult> got = new ArrayList<>();
        try (AnalyticExecutor ex = new AnalyticExecutor()) {
            int n = new SearchRunner(grid(8, 16, 32, 64), ex, 2, Duration.ZERO).run(got::add);
            assertEquals(0, n);
        }
    }
}
