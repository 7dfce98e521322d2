package dev.sparksweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.cli.Cli;
import dev.sparksweep.config.ExecutionConfig;
import dev.sparksweep.worker.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backend gpu on a machine without one: the Spark settings each backend asks for, the resource plan validate
 * prints, and the refusals before any work (this JVM has no CUDA jars, as CI's has none).
 */
class GpuBackendTest {
    @TempDir
    Path dir;

    static ExecutionConfig gpu(int perExecutor) {
        return new ExecutionConfig("local[*]", 0, ExecutionConfig.Backend.GPU, perExecutor, Engine.AUTO,
                ExecutionConfig.Mode.PER_CANDIDATE, ExecutionConfig.DataParallel.DEFAULT);
    }

    static final ExecutionConfig CPU = new ExecutionConfig("local[*]", 0, ExecutionConfig.Backend.CPU, Engine.AUTO);

    @Test
    void gpuAsksSparkForOneGpuPerTaskAndTheExecutorsCount() {
        assertEquals(Map.of("spark.executor.resource.gpu.amount", "2", "spark.task.resource.gpu.amount", "1",
                "spark.executorEnv.CUDA_DEVICE_ORDER", "PCI_BUS_ID"), Resources.settings(gpu(2), "spark://h:7077"));
        assertEquals(Map.of("spark.executor.resource.gpu.amount", "1", "spark.task.resource.gpu.amount", "1",
                "spark.executorEnv.CUDA_DEVICE_ORDER", "PCI_BUS_ID"), Resources.settings(gpu(1), "yarn"));
        assertEquals("1", Resources.settings(gpu(1), "local-cluster[2,1,1024]").get("spark.task.resource.gpu.amount"));
    }

    @Test
    void aLocalMasterGetsNoGpuAmountsSinceSparkWouldWaitForEver() {
        assertEquals(Map.of(), Resources.settings(gpu(1), "local[2]"));
        assertEquals(Map.of(), Resources.settings(gpu(1), "local"));
        assertTrue(Resources.trainsInThisJvm("local[*]"));
        assertFalse(Resources.trainsInThisJvm("local-cluster[2,1,1024]"));
    }

    @Test
    void cpuKeepsExecutorsOffACudaJarOnTheirClasspath() {
        assertEquals(Map.of("spark.executorEnv.BACKEND_PRIORITY_GPU", "-1"), Resources.settings(CPU, "spark://h:7077"));
        assertEquals(Map.of("spark.executorEnv.BACKEND_PRIORITY_GPU", "-1"), Resources.settings(CPU, "local[2]"));
    }

    @Test
    void theUsersOwnSettingWins() {
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf(false)
                .set("spark.executor.resource.gpu.amount", "4");
        Resources.apply(conf, Resources.settings(gpu(1), "spark://h:7077"));
        assertEquals("4", conf.get("spark.executor.resource.gpu.amount"));
        assertEquals("1", conf.get("spark.task.resource.gpu.amount"));
    }

    @Test
    void validatePrintsTheResourcePlanForAStandaloneMaster() throws Exception {
        Path cfg = dir.resolve("gpu.yaml");
        Files.writeString(cfg, "name: g\ndata: {source: 'builtin:digits'}\nspace: {width: 8, epochs: 1}\n"
                + "execution: {backend: gpu, gpus_per_executor: 2}\n");
        Cli.Result r = Cli.sweep("validate", cfg.toString(), "--master", "spark://127.0.0.1:7077");
        assertEquals(0, r.code(), r.err());
        List<String> plan = r.out().lines().filter(l -> l.startsWith("resources: ")).toList();
        assertEquals(List.of(
                "resources: backend gpu, engine dl4j (auto: the jvm engine is CPU-only); "
                        + "spark.task.resource.gpu.amount=1, spark.executor.resource.gpu.amount=2, "
                        + "spark.executorEnv.CUDA_DEVICE_ORDER=PCI_BUS_ID",
                "resources: standalone workers hand out their GPUs (spark.worker.resource.gpu.amount and a resources "
                        + "file or discovery script: scripts/cluster-up --gpus); each task binds the GPU it is given, "
                        + "its position in CUDA_VISIBLE_DEVICES when set",
                "resources: executors need ND4J's CUDA jars (gpu-home/target/gpu-home/jars, mvn -Pgpu package) in "
                        + "spark.jars as local: URIs (not given here; scripts/submit gives them when the directory "
                        + "exists)"), plan);
    }

    @Test
    void aGpuRunUnderALocalMasterIsRefusedBeforeAnyWorkAndWritesNothing() throws Exception {
        Path cfg = dir.resolve("gpu.yaml");
        Files.writeString(cfg, "name: g\ndata: {source: 'builtin:digits'}\nspace: {width: 8, epochs: 1}\n"
                + "execution: {backend: gpu}\n");
        Path out = dir.resolve("run");
        Cli.Result r = Cli.sweep("run", cfg.toString(), "--output", out.toString(), "--master", "local[2]");
        assertEquals(2, r.code(), r.err());
        assertEquals("sweep: " + cfg + ": execution.backend: gpu with master local[2] trains in this JVM, so ND4J "
                + "here must run on CUDA with a supported GPU, but ND4J's CUDA backend is not on the classpath (no "
                + "org.nd4j.linalg.jcublas.JCublasBackend; build it with mvn -Pgpu package, which lays it out in "
                + "gpu-home/target/gpu-home/jars); see README \"GPU\"\n", r.err());
        assertFalse(Files.exists(out), "the run directory was made");
    }

    @Test
    void theJvmEngineOverrideIsRefusedWithBackendGpu() throws Exception {
        Path cfg = dir.resolve("gpu.yaml");
        Files.writeString(cfg, "name: g\ndata: {source: 'builtin:digits'}\nspace: {width: 8, epochs: 1}\n"
                + "execution: {backend: gpu}\n");
        Cli.Result r = Cli.sweep("run", cfg.toString(), "--output", dir.resolve("run").toString(), "--engine", "jvm");
        assertEquals(2, r.code(), r.err());
        assertEquals("sweep: --engine: must be auto or dl4j with execution.backend gpu (the jvm engine trains on the "
                + "CPU only), but got jvm\n", r.err());
    }

    @Test
    void sweepGpuSaysWhatThisJvmLoadedAndExits2WithoutCuda() {
        Cli.Result r = Cli.sweep("gpu");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.out().startsWith("CUDA jars on the classpath: no\nbackend: CpuBackend\n"), r.out());
        assertEquals("sweep: gpu: ND4J's CUDA backend is not on the classpath (no "
                + "org.nd4j.linalg.jcublas.JCublasBackend; build it with mvn -Pgpu package, which lays it out in "
                + "gpu-home/target/gpu-home/jars); see README \"GPU\"\n", r.err());
    }
}
