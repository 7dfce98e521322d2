package dev.sparksweep.run;

import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialResult;
import java.time.Duration;
import dev.sparksweep.worker.TrialRequest;
import java.util.Optional;
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

    /**
     * Runs until the strategy has nothing more to start and nothing is in flight, or until the time budget is
     * spent (segments in flight then finish); returns how many trials finished.
     */
    public int run(Consumer<TrialResult> onResult) throws InterruptedException {
        long deadline = maxTime == null ? Long.MAX_VALUE : System.nanoTime() + maxTime.toNanos();
        BlockingQueue<TrialResult> done = new LinkedBlockingQueue<>();
        int inFlight = 0;
        int finished = 0;
        boolean outOfTime = false;
        while (true) {
            outOfTime = System.nanoTime() >= deadline;
            if (!outOfTime) {
                for (TrialRequest req : strategy.ask(parallelism - inFlight)) {
                    executor.submit(req).whenComplete((r, err) -> done.add(err == null ? r
                            : failed(req.candidate(), err)));
                    inFlight++;
                }
            }
            if (inFlight == 0) {
                break;
            }
            TrialResult r = done.take();
            inFlight--;
            Optional<TrialResult> last = strategy.tell(r);
            if (last.isPresent()) {
                finished++;
                onResult.accept(last.get());
            }
        }
        for (TrialResult r : strategy.close(outOfTime)) {
            finished++;
            onResult.accept(r);
        }
        return finished;
    }

    static TrialResult failed(Candidate c, Throwable err) {
        Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage().lines().findFirst().orElse("");
        return TrialResult.failed(c, "spark job failed: " + msg);
    }
}
