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
