package dev.sparksweep.config;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.worker.Engine;

/**
 * @param master the Spark master when neither spark-submit nor --master gives one
 * @param parallelism candidates in flight; 0 means auto (the executors' total cores)
 * @param backend where ND4J computes on the executors: the CPU, or one GPU per task
 * @param gpusPerExecutor with backend gpu, the GPUs each executor asks Spark for (one task per GPU)
 * @param mode one candidate per Spark task, or each candidate across the whole cluster
 * @param dataParallel the settings of {@code mode: data_parallel}
 */
public record ExecutionConfig(String master, int parallelism, Backend backend, int gpusPerExecutor, Engine engine,
                              Mode mode, DataParallel dataParallel) {

    public ExecutionConfig(String master, int parallelism, Backend backend, Engine engine) {
        this(master, parallelism, backend, 1, engine, Mode.PER_CANDIDATE, DataParallel.DEFAULT);
    }

    public ExecutionConfig(String master, int parallelism, Backend backend, Engine engine, Mode mode,
                           DataParallel dataParallel) {
        this(master, parallelism, backend, 1, engine, mode, dataParallel);
    }

    public boolean gpu() {
        return backend == Backend.GPU;
    }

    /**
     * Checks command-line overrides ({@code --parallelism}, {@code --engine}; null when not given) against the
     * mode, as the config's own keys are checked.
     */
    public void checkOverrides(Integer parallelismOverride, Engine engineOverride) {
        if (gpu() && engineOverride == Engine.JVM) {
            throw new BadInputException("--engine: must be auto or dl4j with execution.backend gpu (the jvm engine "
                    + "trains on the CPU only), but got jvm");
        }
        if (mode != Mode.DATA_PARALLEL) {
            return;
        }
        if (parallelismOverride != null && parallelismOverride > 1) {
            throw new BadInputException("--parallelism: must be 1 with execution.mode data_parallel (one candidate "
                    + "at a time, across every executor), but got " + parallelismOverride);
        }
        if (engineOverride == Engine.JVM) {
            throw new BadInputException("--engine: must be auto or dl4j with execution.mode data_parallel (it trains "
                    + "with dl4j-spark), but got jvm");
        }
    }

    public enum Backend {
        CPU, GPU
    }

    /** How a candidate meets the cluster. */
    public enum Mode {
        /** Each candidate is trained whole inside one Spark task; candidates run in parallel. */
        PER_CANDIDATE,
        /** Each candidate is trained by every executor at once (DL4J parameter averaging); one at a time. */
        DATA_PARALLEL
    }

    /**
     * @param workers parameter-averaging workers; 0 means auto (Spark's default parallelism)
     * @param averagingFrequency mini-batches each worker fits between two averagings
     * @param prefetch mini-batches a worker loads ahead
     * @param exportDir where DL4J exports the mini-batches for a trial (every executor must reach it); null
     *     means a scratch folder under java.io.tmpdir; always emptied and removed after the run
     */
    public record DataParallel(int workers, int averagingFrequency, int prefetch, String exportDir) {
        public static final DataParallel DEFAULT = new DataParallel(0, 5, 2, null);
    }
}
