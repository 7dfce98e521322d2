package dev.sparksweep.search;

import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where candidates are trained. The Spark implementation runs one Spark job per candidate. */
public interface TrialExecutor extends AutoCloseable {

    /** Starts a segment; the future completes with its result, or exceptionally when the job itself failed. */
    CompletableFuture<TrialResult> submit(TrialRequest request);

    /**
     * Starts several segments at once, each completing on its own (the Spark executor runs them as one job of
     * several tasks); by default one {@link #submit} each.
     */
    default List<CompletableFuture<TrialResult>> submitAll(List<TrialRequest> requests) {
        List<CompletableFuture<TrialResult>> out = new ArrayList<>(requests.size());
        for (TrialRequest r : requests) {
            out.add(submit(r));
        }
        return out;
    }

    /**
     * Starts groups of segments: the segments of one group train one after another in one task (their results
     * come back together, when it ends), the groups side by side. By default each segment on its own.
     */
    default List<CompletableFuture<TrialResult>> submitGroups(List<List<TrialRequest>> groups) {
        List<TrialRequest> all = new ArrayList<>();
        groups.forEach(all::addAll);
        return submitAll(all);
    }

    /** A line for the run's header about how trials are spread (data-parallel: its workers), or "". */
    default String describe() {
        return "";
    }

    @Override
    void close();
}
