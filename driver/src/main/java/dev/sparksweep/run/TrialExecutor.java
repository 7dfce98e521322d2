package dev.sparksweep.run;

import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialResult;
import java.util.concurrent.CompletableFuture;

/** Where candidates are trained. The Spark implementation runs one Spark job per candidate. */
public interface TrialExecutor extends AutoCloseable {

    /** Starts training; the future completes with the result, or exceptionally when the job itself failed. */
    CompletableFuture<TrialResult> submit(Candidate candidate);

    @Override
    void close();
}
