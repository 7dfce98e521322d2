package dev.sparksweep.search;

import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import java.util.concurrent.CompletableFuture;

/** Where candidates are trained. The Spark implementation runs one Spark job per candidate. */
public interface TrialExecutor extends AutoCloseable {

    /** Starts a segment; the future completes with its result, or exceptionally when the job itself failed. */
    CompletableFuture<TrialResult> submit(TrialRequest request);

    /** A line for the run's header about how trials are spread (data-parallel: its workers), or "". */
    default String describe() {
        return "";
    }

    @Override
    void close();
}
