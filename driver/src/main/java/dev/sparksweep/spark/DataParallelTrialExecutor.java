package dev.sparksweep.spark;

import dev.sparksweep.common.DaemonThreads;
import dev.sparksweep.config.ExecutionConfig.DataParallel;
import dev.sparksweep.search.TrialExecutor;
import dev.sparksweep.worker.CandidateTrainer;
import dev.sparksweep.worker.TrainMetrics;
import dev.sparksweep.worker.TrainingData;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import java.time.Duration;
import org.apache.spark.api.java.JavaSparkContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code execution.mode: data_parallel}: trials run one after another on a driver thread, each trained by every
 * executor at once through {@link DataParallelEngine}. The training rows are cached on the executors once for
 * the whole search; nothing is broadcast.
 */
public final class DataParallelTrialExecutor implements TrialExecutor {
    private final JavaSparkContext sc;
    private final TrainingData data;
    private final DataParallelEngine engine;
    private final TrainMetrics trainMetrics;
    private final long timeoutMillis;
    private final ExecutorService driver = Executors.newSingleThreadExecutor(DaemonThreads.named("sparksweep-data-parallel"));

    /** @param exportRoot see {@link DataParallelEngine}; removed when this executor closes */
    public DataParallelTrialExecutor(JavaSparkContext sc, TrainingData training,
                                     DataParallel cfg, String exportRoot, TrainMetrics trainMetrics,
                                     Duration trialTimeout) {
        this.sc = sc;
        this.trainMetrics = trainMetrics;
        this.data = training;
        this.engine = new DataParallelEngine(sc, training, cfg, exportRoot);
        this.timeoutMillis = trialTimeout == null ? 0 : trialTimeout.toMillis();
    }

    public String describe() {
        return engine.describe();
    }

    @Override
    public CompletableFuture<TrialResult> submit(TrialRequest req) {
        return CompletableFuture.supplyAsync(() -> {
            String id = req.candidate().id();
            sc.setJobGroup("sparksweep " + id, "candidate " + id + " (data parallel, " + engine.workers()
                    + " workers)", true);
            long start = System.currentTimeMillis();
            try {
                // its "task" is the whole distributed fit, which this driver thread runs and times
                TrialResult r = CandidateTrainer.train(req, data, engine, trainMetrics, timeoutMillis);
                return r.ranIn(r.host(), "all (" + engine.workers() + " workers)", 0, null, start,
                        System.currentTimeMillis());
            } finally {
                sc.clearJobGroup();
            }
        }, driver);
    }

    @Override
    public void close() {
        driver.shutdown();
        engine.close();
    }
}
