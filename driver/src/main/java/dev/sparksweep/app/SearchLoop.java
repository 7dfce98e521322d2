package dev.sparksweep.app;

import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.results.ModelStore;
import dev.sparksweep.results.ResultStore;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.SegmentLine;
import dev.sparksweep.results.SegmentLog;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.search.Replay;
import dev.sparksweep.search.SearchRunner;
import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.search.TrialExecutor;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The search itself, on the driver: the strategy's candidates go to the executor; every segment is logged in
 * segments.jsonl, and a paused trial's state goes to checkpoints/; each finished trial is journalled, offered to
 * the model store, shown and passed to the observer, in that order.
 */
final class SearchLoop {
    private SearchLoop() {
    }

    /**
     * Runs the search to its end from {@code from}; appends every finished trial to {@code records}, which holds
     * a resumed run's journal (a trial it already holds, told again after a crash, is not journalled twice).
     */
    static void run(SweepConfig cfg, SearchStrategy strategy, TrialExecutor executor, int parallelism,
                    RunDirectory dir, ModelStore models, ProgressView progress, List<TrialRecord> records,
                    Replay.Point from, Consumer<TrialRecord> observer) throws InterruptedException {
        Set<String> journalled = new HashSet<>();
        records.forEach(r -> journalled.add(r.id()));
        try (ResultStore journal = dir.openJournal(); SegmentLog segments = dir.openSegments(); executor;
             progress) {
            TrialExecutor watched = new TrialExecutor() {
                @Override
                public CompletableFuture<TrialResult> submit(TrialRequest request) {
                    progress.started();
                    return executor.submit(request);
                }

                @Override
                public List<CompletableFuture<TrialResult>> submitAll(List<TrialRequest> requests) {
                    requests.forEach(r -> progress.started());
                    return executor.submitAll(requests);
                }

                @Override
                public List<CompletableFuture<TrialResult>> submitGroups(List<List<TrialRequest>> groups) {
                    groups.forEach(g -> g.forEach(r -> progress.started()));
                    return executor.submitGroups(groups);
                }

                @Override
                public void close() {
                }
            };
            SearchRunner.Listener log = new SearchRunner.Listener() {
                @Override
                public void started(long seq, TrialRequest request) {
                    segments.append(SegmentLine.start(seq, request));
                }

                @Override
                public void ended(long seq, TrialResult result) {
                    segments.append(SegmentLine.end(seq, result));
                }

                @Override
                public void told(long seq, TrialResult result, Optional<TrialResult> over) {
                    segments.append(SegmentLine.told(seq, result, over));
                }

                @Override
                public void closed(TrialResult result) {
                    segments.append(SegmentLine.closed(result));
                }

                @Override
                public void note(String line) {
                    progress.note(line);
                }
            };
            new SearchRunner(strategy, watched, parallelism, cfg.search().maxTime(), cfg.search().ordered())
                    .checkpoints(dir.checkpoints()).listener(log)
                    .run(result -> {
                        if (!journalled.add(result.id())) {
                            return;
                        }
                        TrialRecord record = TrialRecord.of(result, Instant.now(), strategy.proposal(result.id()));
                        // the model first: a journalled trial is never trained again, so a kill between the
                        // two must not leave one in the journal without its model
                        models.offer(result, record);
                        journal.append(record);
                        records.add(record);
                        progress.finished(record);
                        observer.accept(record);
                    }, from);
        }
        dir.clearCheckpoints();
    }
}
