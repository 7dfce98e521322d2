package dev.sparksweep.app;

import dev.sparksweep.config.ExecutionConfig;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.search.TrialExecutor;
import dev.sparksweep.spark.DataParallelEngine;
import dev.sparksweep.spark.DataParallelTrialExecutor;
import dev.sparksweep.spark.Resources;
import dev.sparksweep.spark.SparkTrialExecutor;
import dev.sparksweep.worker.Engine;
import dev.sparksweep.worker.gpu.Cuda;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * How a run trains its candidates, with the command line's overrides applied: candidates in flight, the engine,
 * and whether each candidate is trained whole in one task or across every executor.
 *
 * @param engineKey the engine as the header and run.json name it
 */
record Execution(boolean dataParallel, int parallelism, Engine engine, String engineKey) {

    static Execution resolve(SweepConfig cfg, SweepRun.Options opt, JavaSparkContext sc) {
        ExecutionConfig ex = cfg.execution();
        if (ex.mode() == ExecutionConfig.Mode.DATA_PARALLEL) {
            return new Execution(true, 1, Engine.DL4J, DataParallelEngine.KEY);
        }
        int parallelism = opt.parallelism() != null ? opt.parallelism()
                : ex.parallelism() > 0 ? ex.parallelism()
                : ex.gpu() && Resources.trainsInThisJvm(sc.master()) ? Math.max(1, Cuda.devices().size())
                : sc.defaultParallelism();
        Engine engine = opt.engine() != null ? opt.engine() : ex.engine();
        if (ex.gpu() && engine == Engine.AUTO) {
            engine = Engine.DL4J; // the jvm engine computes on the CPU only
        }
        return new Execution(false, parallelism, engine, engine.key());
    }

    TrialExecutor executor(SweepConfig cfg, JavaSparkContext sc, PreparedData data) {
        return dataParallel
                ? new DataParallelTrialExecutor(sc, data.training(), cfg.execution().dataParallel(),
                exportRoot(cfg, sc), cfg.history().trainMetrics(), cfg.search().trialTimeout())
                : new SparkTrialExecutor(sc, data.training(), engine, cfg.history().trainMetrics(),
                cfg.search().trialTimeout(), parallelism, cfg.execution().gpu());
    }

    /**
     * Where dl4j-spark exports a data-parallel trial's mini-batches: execution.data_parallel.export_dir, or a
     * scratch folder under java.io.tmpdir; one folder per application, removed at the end of the run.
     */
    static String exportRoot(SweepConfig cfg, JavaSparkContext sc) {
        String base = cfg.execution().dataParallel().exportDir();
        String app = cfg.name() + "-" + sc.sc().applicationId();
        if (base == null) {
            return Path.of(System.getProperty("java.io.tmpdir"), "sparksweep-scratch", app).toUri().toString();
        }
        return (base.endsWith("/") ? base : base + "/") + app;
    }
}
