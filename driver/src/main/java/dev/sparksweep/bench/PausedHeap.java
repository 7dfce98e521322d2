package dev.sparksweep.bench;

import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.search.CheckpointStore;
import dev.sparksweep.search.HalvingSearch;
import dev.sparksweep.search.SearchRunner;
import dev.sparksweep.search.TrialExecutor;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Checkpoint;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialState;
import dev.sparksweep.worker.TrialTimings;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code sweep bench --paused N}: the driver's heap while a halving search holds N paused trials of a 784-256-10
 * net trained with Adam, their states kept in memory (as the strategy held them before checkpoints/) against kept in
 * checkpoints/. The trials are made up (no training): only what the driver holds is measured.
 */
public final class PausedHeap {
    /** 784-256-10: 784·256 + 256 + 256·10 + 10 parameters. */
    static final int PARAMS = 784 * 256 + 256 + 256 * 10 + 10;

    private PausedHeap() {
    }

    public static void run(int trials, Path output, PrintWriter out) {
        out.printf(Locale.ROOT, "%d paused trials of a 784-256-10 net (Adam): %d parameters; a segment's result "
                + "carries parameters, updater m and v and the kept parameters twice (floats and bytes), %.2f MB%n",
                trials, PARAMS, PARAMS * 20 / 1e6);
        // the small figure first, so that nothing of the large one's arrays is still about
        RunDirectory dir = new RunDirectory(output);
        double after = storeHolds(trials, dir.checkpoints());
        double before = strategyHolds(trials);
        dir.clearCheckpoints();
        out.printf(Locale.ROOT, "driver heap with every trial paused: results held by the strategy (as before checkpoints/) "
                + "%.1f MB; state in %s %.1f MB (%.0fx less, %.1f kB a trial)%n", before,
                dir.where(RunDirectory.CHECKPOINTS), after, before / after, after * 1e3 / trials);
        out.flush();
    }

    static HalvingSearch halving(int trials) {
        SearchSpace space = SearchSpace.withDefaults(List.of(new Dimension.DoubleRange("learning_rate", 1e-4, 1e-1,
                true), new Dimension.Fixed("epochs", 3)));
        // eta above the trial count: no rung has a top 1/eta yet, so every trial stays paused to the end
        return new HalvingSearch(space, 1, trials, 1, trials + 1, Monitor.VAL_ACCURACY);
    }

    /** A first segment's result as a worker returns it. */
    static TrialResult segment(TrialRequest req) {
        List<EpochMetrics> history = List.of(new EpochMetrics(1, 0.5, 0.8, 0.5, 0.8));
        float[] params = new float[PARAMS];
        TrialState state = new TrialState(new Checkpoint(params, new float[2 * PARAMS], 1, 34), history, 0.5, 1,
                params.clone(), 0, 34);
        return new TrialResult(req.candidate(), TrialResult.Verdict.complete(),
                new TrialResult.Training("jvm", history, 1, 34, new byte[PARAMS * 4]),
                TrialResult.Placement.host("bench"), TrialTimings.NONE, state);
    }

    /** The heap (MB above the start) with every trial paused, told whole results as the driver did before checkpoints/. */
    static double strategyHolds(int trials) {
        double base = heapMb();
        HalvingSearch h = halving(trials);
        for (List<TrialRequest> reqs = h.ask(2); !reqs.isEmpty(); reqs = h.ask(2)) {
            reqs.forEach(r -> h.tell(segment(r)));
        }
        double held = heapMb() - base;
        h.close(false);
        return held;
    }

    /** The same through the driver's loop, which keeps paused states in {@code store}. */
    static double storeHolds(int trials, CheckpointStore store) {
        double base = heapMb();
        double[] held = {Double.NaN};
        TrialExecutor made = new TrialExecutor() {
            @Override
            public CompletableFuture<TrialResult> submit(TrialRequest req) {
                return CompletableFuture.completedFuture(segment(req));
            }

            @Override
            public void close() {
            }
        };
        try {
            new SearchRunner(halving(trials), made, 2, null, true).checkpoints(store)
                    .listener(new SearchRunner.Listener() {
                        @Override
                        public void closed(TrialResult result) {
                            if (Double.isNaN(held[0])) {
                                held[0] = heapMb() - base; // the first close: every trial is still held
                            }
                        }
                    }).run(r -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return held[0];
    }

    static double heapMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    }
}
