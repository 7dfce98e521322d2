package dev.sparksweep.spark;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.ExecutionConfig;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.worker.gpu.Cuda;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * What a run's backend asks of Spark and of the executors' ND4J. backend gpu: one GPU per task through Spark's
 * resource scheduling, CUDA's PCI bus order, and (under a local master, where this JVM trains) ND4J's CUDA
 * backend present and usable before any work. backend cpu: executors never probe a CUDA backend that happens to be
 * on their classpath. Every setting is a default: one given to spark-submit or in spark-defaults wins.
 */
public final class Resources {
    static final String EXECUTOR_GPUS = "spark.executor.resource.gpu.amount";
    static final String TASK_GPUS = "spark.task.resource.gpu.amount";
    static final String EXECUTOR_DISCOVERY = "spark.executor.resource.gpu.discoveryScript";
    static final String DEVICE_ORDER = "spark.executorEnv.CUDA_DEVICE_ORDER";
    static final String GPU_PRIORITY = "spark.executorEnv.BACKEND_PRIORITY_GPU";

    private Resources() {
    }

    /**
     * The Spark settings of {@code ex}'s backend under {@code master}, in the order the plan shows them. A local
     * master gets no GPU amounts: Spark hands local tasks no resources, and a task amount there makes every job
     * wait for ever; this JVM's GPUs are shared out by {@link dev.sparksweep.worker.gpu.LocalDevices} instead.
     */
    public static Map<String, String> settings(ExecutionConfig ex, String master) {
        Map<String, String> s = new LinkedHashMap<>();
        if (ex.gpu() && trainsInThisJvm(master)) {
            return s;
        }
        if (ex.gpu()) {
            s.put(EXECUTOR_GPUS, String.valueOf(ex.gpusPerExecutor()));
            s.put(TASK_GPUS, "1");
            s.put(DEVICE_ORDER, "PCI_BUS_ID");
        } else {
            // ND4J prefers CUDA (priority 100) over the CPU (0); -1 keeps a CUDA jar on the classpath unprobed
            s.put(GPU_PRIORITY, "-1");
        }
        return s;
    }

    /** Whether {@code master} trains in this JVM (local, local[N]); local-cluster starts executors of its own. */
    public static boolean trainsInThisJvm(String master) {
        String m = master == null ? "" : master.trim();
        return m.equals("local") || m.startsWith("local[");
    }

    /**
     * Before any work: under a local master with backend gpu, this JVM must run ND4J on CUDA with a GPU it
     * supports; with backend cpu, a CUDA backend on this JVM's classpath is hidden from ND4J, as
     * BACKEND_PRIORITY_GPU=-1 does on executors.
     *
     * @throws BadInputException one line naming the config, the key, the rule and what is missing
     */
    public static void prepareThisJvm(SweepConfig cfg, String master) {
        if (!cfg.execution().gpu()) {
            Cuda.hideFromNd4j(); // under any master: the driver's own ND4J (export, the winner's test) stays on the CPU
            return;
        }
        if (!trainsInThisJvm(master)) {
            return;
        }
        String why = Cuda.whyNot();
        if (why != null) {
            throw new BadInputException(cfg.file() + ": execution.backend: gpu with master " + master.trim()
                    + " trains in this JVM, so ND4J here must run on CUDA with a supported GPU, but " + why);
        }
    }

    /** The lines `sweep validate` prints about the backend, for {@code master} and the settings Spark will see. */
    public static List<String> plan(ExecutionConfig ex, String master) {
        SparkConf conf = new SparkConf();
        List<String> out = new ArrayList<>();
        if (!ex.gpu()) {
            out.add("resources: backend cpu, one core per task; executors never probe a CUDA backend ("
                    + show(conf, GPU_PRIORITY, "-1") + ")");
            return out;
        }
        String engine = ex.engine() == dev.sparksweep.worker.Engine.AUTO ? "dl4j (auto: the jvm engine is CPU-only)"
                : ex.engine().key();
        String m = master == null ? "" : master.trim();
        out.add("resources: backend gpu, engine " + engine + (trainsInThisJvm(m) ? "" : "; "
                + show(conf, TASK_GPUS, "1") + ", " + show(conf, EXECUTOR_GPUS, String.valueOf(ex.gpusPerExecutor()))
                + ", " + show(conf, DEVICE_ORDER, "PCI_BUS_ID")));
        if (trainsInThisJvm(m)) {
            out.add("resources: master " + m + " trains in this JVM, one trial per GPU it sees at a time (Spark "
                    + "gives local tasks no GPUs, so SparkSweep shares them out); ND4J's CUDA backend must load here");
        } else if (m.startsWith("spark://")) {
            out.add("resources: standalone workers hand out their GPUs (spark.worker.resource.gpu.amount and a "
                    + "resources file or discovery script: scripts/cluster-up --gpus); each task binds the GPU it is "
                    + "given, its position in CUDA_VISIBLE_DEVICES when set");
        } else {
            out.add("resources: " + (conf.contains(EXECUTOR_DISCOVERY) ? show(conf, EXECUTOR_DISCOVERY, "")
                    : EXECUTOR_DISCOVERY + " is not set, and YARN and Kubernetes need it (scripts/gpu-discovery "
                    + "prints what Spark reads)") + "; each task binds the GPU it is given");
        }
        if (trainsInThisJvm(m)) {
            return out;
        }
        String jars = conf.get("spark.jars", "");
        out.add("resources: executors need ND4J's CUDA jars (gpu-home/target/gpu-home/jars, mvn -Pgpu package) in "
                + "spark.jars as local: URIs" + (jars.contains("nd4j-cuda") ? " (given)"
                : " (not given here; scripts/submit gives them when the directory exists)"));
        return out;
    }

    /** "key=value", saying when the value is the user's own rather than SparkSweep's default. */
    private static String show(SparkConf conf, String key, String ours) {
        return conf.contains(key) ? key + "=" + conf.get(key) + " (given)" : key + "=" + ours;
    }

    /** Applies {@link #settings} to {@code conf} where the user has not set them. */
    static void apply(SparkConf conf, Map<String, String> settings) {
        settings.forEach(conf::setIfMissing);
    }
}
