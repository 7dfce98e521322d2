package dev.sparksweep.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.config.ExecutionConfig.Backend;
import dev.sparksweep.config.ExecutionConfig.DataParallel;
import dev.sparksweep.config.ExecutionConfig.Mode;
import dev.sparksweep.worker.Engine;

/** Parses {@code execution:} into an ExecutionConfig. */
final class ExecutionSection {
    private ExecutionSection() {
    }

    static ExecutionConfig parse(Section s) {
        s.allow("master", "parallelism", "backend", "gpus_per_executor", "engine", "mode", "data_parallel");
        String master = s.string("master", "local[*]");
        int parallelism = s.autoOrPositive("parallelism");
        Backend backend = s.enumeration("backend", Backend.class, Backend.CPU);
        Engine engine = s.enumeration("engine", Engine.class, Engine.AUTO);
        Mode mode = s.enumeration("mode", Mode.class, Mode.PER_CANDIDATE);
        int gpusPerExecutor = 1;
        if (s.has("gpus_per_executor")) {
            if (backend != Backend.GPU) {
                throw s.fail("execution.gpus_per_executor", "applies to backend gpu only", "backend cpu");
            }
            gpusPerExecutor = s.positiveInt("gpus_per_executor");
        }
        if (backend == Backend.GPU) {
            if (engine == Engine.JVM) {
                throw s.fail("execution.engine", "must be auto or dl4j with backend gpu (the jvm engine trains on "
                        + "the CPU only)", "\"jvm\"");
            }
            if (mode == Mode.DATA_PARALLEL) {
                throw s.fail("execution.backend", "gpu applies to mode per_candidate only (one GPU per task; "
                        + "dl4j-spark's data-parallel training places its own work)", "mode data_parallel");
            }
        }
        DataParallel dp = DataParallel.DEFAULT;
        if (s.has("data_parallel") && mode != Mode.DATA_PARALLEL) {
            throw s.fail("execution.data_parallel", "applies to mode data_parallel only", "mode per_candidate");
        }
        if (mode == Mode.DATA_PARALLEL) {
            if (engine == Engine.JVM) {
                throw s.fail("execution.engine", "must be auto or dl4j with mode data_parallel (it trains with "
                        + "dl4j-spark)", "\"jvm\"");
            }
            if (parallelism > 1) {
                throw s.fail("execution.parallelism", "must be auto or 1 with mode data_parallel (one candidate at "
                        + "a time, across every executor)", String.valueOf(parallelism));
            }
            dp = dataParallel(s.section("data_parallel"));
        }
        return new ExecutionConfig(master, parallelism, backend, gpusPerExecutor, engine, mode, dp);
    }

    private static DataParallel dataParallel(Section s) {
        s.allow("workers", "averaging_frequency", "prefetch", "export_dir");
        int workers = s.autoOrPositive("workers");
        DataParallel d = DataParallel.DEFAULT;
        int frequency = s.has("averaging_frequency") ? s.positiveInt("averaging_frequency") : d.averagingFrequency();
        int prefetch = d.prefetch();
        if (s.has("prefetch")) {
            JsonNode p = s.node.get("prefetch");
            if (!p.isIntegralNumber() || p.asLong() < 0 || p.asLong() > 1000) {
                throw s.fail("execution.data_parallel.prefetch", "must be an integer >= 0", Section.show(p));
            }
            prefetch = p.asInt();
        }
        String export = s.has("export_dir") ? s.string("export_dir", null) : null;
        if (export != null && export.isBlank()) {
            throw s.fail("execution.data_parallel.export_dir", "must not be empty", "\"\"");
        }
        return new DataParallel(workers, frequency, prefetch, export);
    }
}
