package dev.sparksweep.run;

import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The driver's loop: keeps {@code parallelism} candidates in flight, hands every result to the strategy and
 * then to {@code onResult}, on this one thread (so the listener may write the run directory without locks).
 * A job that fails outside the worker becomes a FAILED result; the search goes on.
 */
public final class SearchRunner {
    private final SearchStrategy strategy;
    private final TrialExecutor executor;
    private final int parallelism;
    private final Duration maxTime;

    public SearchRunner(SearchStrategy strategy, TrialExecutor executor, int parallelism, Duration maxTime) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism >= 1 must hold, but got " + parallelism);
        }
        this.strategy = strategy;
        this.executor = executor;
        this.parallelism = parallelism;
        this.maxTime = maxTime;
    }

    /** Runs until the strategy is exhausted or the time budget is spent; returns how many trials finished. */
    public int run(Consumer<TrialResult> onResult) throws InterruptedException {
        long deadline = maxTime == null ? Long.MAX_VALUE : System.nanoTime() + maxTime.toNanos();
        BlockingQueue<TrialResult> done = new LinkedBlockingQueue<>();
        int inFlight = 0;
        int finished = 0;
        while (true) {
            if (System.nanoTime() < deadline) {
                List<Candidate> next = strategy.ask(parallelism - inFlight);
                for (Candidate c : next) {
                    executor.submit(c).whenComplete((r, err) -> done.add(err == null ? r : failed(c, err)));
                    inFlight++;
                }
            }
            if (inFlight == 0) {
                return finished;
            }
            TrialResult r = done.take();
            inFlight--;
            finished++;
            strategy.tell(r);
            onResult.accept(r);
        }
    }

    static TrialResult failed(Candidate c, Throwable err) {
        Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage().lines().findFirst().orElse("");
        return TrialResult.failed(c, "spark job failed: " + msg);
    }
}
