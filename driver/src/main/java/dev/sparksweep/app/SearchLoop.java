package dev.sparksweep.app;

import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.results.ModelStore;
import dev.sparksweep.results.ResultStore;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.search.SearchRunner;
import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.search.TrialExecutor;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The search itself, on the driver: the strategy's candidates go to the executor, and each finished trial is
 * journalled, offered to the model store, shown and passed to the observer, in that order.
 */
final class SearchLoop {
    private SearchLoop() {
    }

    /** Runs the search to its end; appends every finished trial to {@code records}. */
    static void run(SweepConfig cfg, SearchStrategy strategy, TrialExecutor executor, int parallelism,
                    RunDirectory dir, ModelStore models, ProgressView progress, List<TrialRecord> records,
                    Consumer<TrialRecord> observer) throws InterruptedException {
        try (ResultStore journal = dir.openJournal(); executor; progress) {
            TrialExecutor watched = new TrialExecutor() {
                @Override
                public CompletableFuture<TrialResult> submit(TrialRequest request) {
                    progress.started();
                    return executor.submit(request);
                }

                @Override
                public void close() {
                }
            };
            new SearchRunner(strategy, watched, parallelism, cfg.search().maxTime(), cfg.search().ordered())
                    .run(result -> {
                        TrialRecord record = TrialRecord.of(result, Instant.now(), strategy.proposal(result.id()));
                        journal.append(record);
                        models.offer(result, record);
                        records.add(record);
                        progress.finished(record);
                        observer.accept(record);
                    });
        }
    }
}
