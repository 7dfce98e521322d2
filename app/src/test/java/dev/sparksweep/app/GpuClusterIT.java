package dev.sparksweep.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * backend gpu on a real standalone cluster without a GPU: scripts/cluster-up --fake-gpus gives each of two Workers
 * (2 cores each) one fake GPU, its own address in a resources file and CUDA_VISIBLE_DEVICES. Spark's resource
 * scheduling must then run one task per GPU: every task gets its executor's address, and no two tasks hold one GPU
 * at once, although each executor has the cores for two. With no CUDA runtime here, each trial fails with the reason,
 * and the run ends with exit 4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GpuClusterIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path WORK = Path.of("target", "gpu-cluster-it").toAbsolutePath();
    /** ND4J's CUDA backend without its natives: what the worker module's build copies aside for its own test. */
    static final Path SMALL_CUDA_JARS = ROOT.resolve("worker/target/cuda-small");
    static final ObjectMapper JSON = new ObjectMapper();
    String master;

    record Run(int code, String out) {
    }

    static Run run(long timeoutSeconds, Map<String, String> env, String... command) throws Exception {
        Path log = Files.createTempFile(WORK, "run", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("SPARKSWEEP_GPU_JARS");
        pb.environment().putAll(Map.of("SPARKSWEEP_CLUSTER_DIR", WORK.resolve("cluster").toString(),
                "SPARKSWEEP_MASTER_PORT", "7677", "SPARK_LOCAL_IP", "127.0.0.1", "SPARKSWEEP_WORKER_CORES", "2"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    @BeforeAll
    void clusterUp() throws Exception {
        ClusterIT.deleteTree(WORK);
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("gpu.yaml"), """
                name: gpu-cluster-it
                data: {source: 'builtin:digits'}
                search: {strategy: grid, seed: 1}
                space:
                  width: [8, 16, 24, 32, 40, 48, 56, 64]
                  epochs: 1
                execution: {backend: gpu}
                """);
        Run up = run(180, Map.of(), "scripts/cluster-up", "2", "--fake-gpus");
        assertEquals(0, up.code(), up.out());
        master = up.out().lines().filter(l -> l.startsWith("spark://")).findFirst().orElseThrow();
    }

    @AfterAll
    void clusterDown() throws Exception {
        run(60, Map.of(), "scripts/cluster-down");
        ClusterIT.deleteTree(WORK.resolve("cluster"));
    }

    static List<JsonNode> journal(Path runDir) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(runDir.resolve("trials.jsonl"))) {
            if (l.endsWith("}")) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    /** Per GPU, the [start, end] intervals of the tasks that held it, on the executors' clocks: none overlap. */
    static void assertHeldOneAtATime(Map<String, List<long[]>> heldByGpu) {
        for (Map.Entry<String, List<long[]>> e : heldByGpu.entrySet()) {
            List<long[]> held = new ArrayList<>(e.getValue());
            held.sort((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 1; i < held.size(); i++) {
                assertTrue(held.get(i)[0] >= held.get(i - 1)[1], "two tasks held GPU " + e.getKey() + " at once: "
                        + held.get(i - 1)[0] + "-" + held.get(i - 1)[1] + " and " + held.get(i)[0] + "-"
                        + held.get(i)[1]);
            }
        }
    }

    @Test
    void eachTaskHoldsItsExecutorsOwnGpuAloneAndTheCpuFallbackFailsEveryTrialWithTheReason() throws Exception {
        assertTrue(Files.isDirectory(SMALL_CUDA_JARS), "build the worker module first: " + SMALL_CUDA_JARS);
        Path runDir = WORK.resolve("fallback");
        Run r = run(300, Map.of("SPARKSWEEP_GPU_JARS", SMALL_CUDA_JARS.toString()), "scripts/submit", "--master",
                master, WORK.resolve("gpu.yaml").toString(), "--output", runDir.toString(), "--force");
        assertEquals(4, r.code(), r.out());
        List<JsonNode> lines = journal(runDir);
        assertEquals(8, lines.size(), r.out());

        Map<String, Set<String>> addressesByExecutor = new HashMap<>();
        Map<String, List<long[]>> heldByAddress = new HashMap<>();
        for (JsonNode t : lines) {
            assertEquals("FAILED", t.get("status").asText());
            String executor = t.get("executor").asText();
            String reason = t.get("reason").asText();
            assertTrue(reason.matches("executor " + executor + " \\([^)]+\\): backend gpu, but ND4J loaded CpuBackend "
                    + "instead of JCublasBackend: the CUDA libraries could not be loaded: there is no NVIDIA driver "
                    + "here \\(libcuda\\.so\\.1 is on no library path\\); see README \"GPU\""), reason);
            JsonNode device = t.get("device");
            String address = device.get("address").asText();
            // worker k has CUDA_VISIBLE_DEVICES=k-1 and a resources file naming GPU k-1: Spark gave the task that one
            assertEquals(address, device.get("visible").asText(), t.toString());
            addressesByExecutor.computeIfAbsent(executor, e -> new TreeSet<>()).add(address);
            heldByAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(new long[] {
                Instant.parse(t.get("task_start").asText()).toEpochMilli(),
                Instant.parse(t.get("task_end").asText()).toEpochMilli()});
        }
        assertEquals(2, addressesByExecutor.size(), "executors: " + addressesByExecutor);
        addressesByExecutor.values().forEach(a -> assertEquals(1, a.size(), "an executor's tasks got " + a));
        assertEquals(Set.of("0", "1"), heldByAddress.keySet());
        assertHeldOneAtATime(heldByAddress);
        JsonNode run = JSON.readTree(runDir.resolve("run.json").toFile());
        assertEquals("gpu", run.get("backend").asText());
        assertEquals(2, run.get("devices").size(), run.toString());
        assertEquals(8, run.get("devices").get(0).get("trials").asInt() + run.get("devices").get(1).get("trials")
                .asInt());
        assertTrue(r.out().contains("no trial completed"), r.out());
    }

    /**
     * The same grid, trained for real on the CPU while each task holds its fake GPU (SPARKSWEEP_FAKE_GPUS on the
     * executors): trials of a second or so, four in flight, two cores per executor. Without one GPU per task Spark
     * would run two at once on each executor.
     */
    @Test
    void trialsThatTrainHoldTheirExecutorsGpuOneAtATime() throws Exception {
        Path runDir = WORK.resolve("fake");
        Files.writeString(WORK.resolve("gpu-train.yaml"), Files.readString(WORK.resolve("gpu.yaml"))
                .replace("name: gpu-cluster-it", "name: gpu-cluster-it-train").replace("epochs: 1", "epochs: 8"));
        Run r = run(300, Map.of(), "scripts/submit", "--master", master, "--conf",
                "spark.executorEnv.SPARKSWEEP_FAKE_GPUS=1", WORK.resolve("gpu-train.yaml").toString(), "--output",
                runDir.toString(), "--force");
        assertEquals(0, r.code(), r.out());
        List<JsonNode> lines = journal(runDir);
        assertEquals(8, lines.size());
        Map<String, List<long[]>> heldByAddress = new HashMap<>();
        List<long[]> all = new ArrayList<>();
        for (JsonNode t : lines) {
            assertEquals("COMPLETE", t.get("status").asText(), t.toString());
            JsonNode device = t.get("device");
            assertEquals("fake GPU (SPARKSWEEP_FAKE_GPUS; trained on the CPU)", device.get("name").asText());
            assertEquals(device.get("address").asText(), device.get("visible").asText());
            assertEquals(0, device.get("index").asInt(), "the one visible GPU is CUDA device 0");
            long[] held = {Instant.parse(t.get("task_start").asText()).toEpochMilli(),
                Instant.parse(t.get("task_end").asText()).toEpochMilli()};
            heldByAddress.computeIfAbsent(device.get("address").asText() + "@" + t.get("executor").asText(),
                    a -> new ArrayList<>()).add(held);
            all.add(held);
        }
        assertEquals(2, heldByAddress.size(), "address@executor: " + heldByAddress.keySet());
        assertEquals(Set.of("0", "1"), Set.copyOf(heldByAddress.keySet().stream().map(k -> k.split("@")[0]).toList()));
        assertHeldOneAtATime(heldByAddress);
        all.sort((a, b) -> Long.compare(a[0], b[0]));
        boolean concurrent = false;
        for (int i = 1; i < all.size(); i++) {
            concurrent |= all.get(i)[0] < all.get(i - 1)[1];
        }
        assertTrue(concurrent, "the two GPUs never trained at the same time");
        assertTrue(Files.size(runDir.resolve("best/model.zip")) > 1000);
    }

    @Test
    void withoutTheCudaJarsEveryTrialSaysSo() throws Exception {
        Path runDir = WORK.resolve("no-jars");
        Run r = run(300, Map.of("SPARKSWEEP_GPU_JARS", WORK.resolve("absent").toString()), "scripts/submit",
                "--master", master, WORK.resolve("gpu.yaml").toString(), "--output", runDir.toString(), "--force");
        assertEquals(4, r.code(), r.out());
        List<JsonNode> lines = journal(runDir);
        assertEquals(8, lines.size());
        for (JsonNode t : lines) {
            assertTrue(t.get("reason").asText().matches("executor \\d+ \\([^)]+\\): backend gpu, but ND4J's CUDA "
                    + "backend is not on this executor's classpath \\(no org\\.nd4j\\.linalg\\.jcublas\\.JCublasBackend; "
                    + "name the jars of gpu-home/target/gpu-home/jars in spark\\.jars as local: URIs, as scripts/submit "
                    + "does\\); see README \"GPU\""), t.toString());
        }
    }
}
