package dev.sparksweep.search;

import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialResult;
import java.time.Duration;
import dev.sparksweep.worker.TrialRequest;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The driver's loop: keeps {@code parallelism} segments in flight, hands every result to the strategy and every
 * finished trial to {@code onResult}, on this one thread (so the listener may write the run directory without
 * locks). A job that fails outside the worker becomes a FAILED result; the search goes on.
 *
 * <p>With {@code ordered}, results reach the strategy in the order their segments were started, whatever order
 * they finish in: an adaptive strategy then decides the same way in every run, at the price of a slot waiting
 * for a slower segment started before its own.
 */
public final class SearchRunner {
    private final SearchStrategy strategy;
    private final TrialExecutor executor;
    private final int parallelism;
    private final Duration maxTime;
    private final boolean ordered;

    public SearchRunner(SearchStrategy strategy, TrialExecutor executor, int parallelism, Duration maxTime) {
        this(strategy, executor, parallelism, maxTime, false);
    }

    public SearchRunner(SearchStrategy strategy, TrialExecutor executor, int parallelism, Duration maxTime,
                        boolean ordered) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism >= 1 must hold, but got " + parallelism);
        }
        this.strategy = strategy;
        this.executor = executor;
        this.parallelism = parallelism;
        this.maxTime = maxTime;
        this.ordered = ordered;
    }

    private record Done(long seq, TrialResult result) {
    }

    /**
     * Runs until the strategy has nothing more to start and nothing is in flight, or until the time budget is
     * spent (segments in flight then finish); returns how many trials finished.
     */
    public int run(Consumer<TrialResult> onResult) throws InterruptedException {
        long deadline = maxTime == null ? Long.MAX_VALUE : System.nanoTime() + maxTime.toNanos();
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        TreeMap<Long, TrialResult> waiting = new TreeMap<>();
        long started = 0;
        long told = 0;
        int inFlight = 0;
        int finished = 0;
        boolean outOfTime = false;
        while (true) {
            outOfTime = System.nanoTime() >= deadline;
            if (!outOfTime) {
                for (TrialRequest req : strategy.ask(parallelism - inFlight)) {
                    long seq = started++;
                    executor.submit(req).whenComplete((r, err) -> done.add(new Done(seq, err == null ? r
                            : failed(req.candidate(), err))));
                    inFlight++;
                }
            }
            if (inFlight == 0) {
                break;
            }
            Done d = done.take();
            waiting.put(ordered ? d.seq() : told, d.result());
            while (waiting.containsKey(told)) {
                inFlight--;
                Optional<TrialResult> last = strategy.tell(waiting.remove(told++));
                if (last.isPresent()) {
                    finished++;
                    onResult.accept(last.get());
                }
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
