package dev.sparksweep.worker.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A JVM with ND4J's CUDA backend on its classpath but no CUDA runtime or GPU (the small CUDA jars that
 * target/cuda-small holds, as on this machine and CI): ND4J falls back to the CPU, and a gpu task names that
 * fallback and its cause instead of training on the CPU. With BACKEND_PRIORITY_GPU=-1 (what backend cpu sets for
 * executors), or the driver's own guard, ND4J never probes CUDA at all: its runtime classes are never loaded.
 */
class CudaFallbackTest {
    static final Path SMALL_JARS = Path.of("target", "cuda-small");

    record Run(int code, String out) {
        List<String> ours() {
            return out.lines().filter(l -> l.startsWith("jars ") || l.startsWith("backend ") || l.startsWith("refused ")
                    || l.equals("bound")).toList();
        }

        /** Whether CUDA's runtime bindings were loaded, i.e. ND4J asked whether CUDA can run. */
        boolean probedCuda() {
            return out.lines().anyMatch(l -> l.contains("org.bytedeco.cuda.global.cudart "));
        }
    }

    static Run fork(Map<String, String> env, String... args) throws Exception {
        List<String> jars;
        try (Stream<Path> s = Files.list(SMALL_JARS)) {
            jars = s.map(p -> p.toAbsolutePath().toString()).sorted().collect(Collectors.toList());
        }
        assertEquals(4, jars.size(), "the small CUDA jars: " + jars);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-D") || a.startsWith("--add-")) {
                cmd.add(a);
            }
        }
        cmd.add("-Xlog:class+load=info");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path") + File.pathSeparator + String.join(File.pathSeparator, jars));
        cmd.add(CudaProbeMain.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("BACKEND_PRIORITY_GPU");
        pb.environment().remove("CUDA_VISIBLE_DEVICES");
        pb.environment().putAll(env);
        Path log = Files.createTempFile("cuda-probe", ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe JVM did not finish");
        String out = Files.readString(log);
        Files.delete(log);
        return new Run(p.exitValue(), out);
    }

    @Test
    void aGpuTaskWhereNd4jFellBackToTheCpuIsRefusedWithTheReason() throws Exception {
        Run r = fork(Map.of(), "task");
        assertEquals(0, r.code(), r.out());
        List<String> ours = r.ours();
        assertEquals("jars true", ours.get(0), r.out());
        assertEquals("refused backend gpu, but ND4J loaded CpuBackend instead of JCublasBackend: the CUDA libraries "
                + "could not be loaded: there is no NVIDIA driver here (libcuda.so.1 is on no library path); see "
                + "README \"GPU\"", ours.get(1));
        assertEquals("backend CpuBackend", ours.get(2));
        assertTrue(r.probedCuda(), "ND4J never probed CUDA, so the test shows nothing");
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("\tat ")), "a stack trace reached stderr:\n" + r.out());
    }

    @Test
    void backendCpusPriorityKeepsNd4jFromProbingCuda() throws Exception {
        Run r = fork(Map.of("BACKEND_PRIORITY_GPU", "-1"));
        assertEquals(List.of("jars true", "backend CpuBackend"), r.ours(), r.out());
        assertFalse(r.probedCuda(), "CUDA was probed despite BACKEND_PRIORITY_GPU=-1");
    }

    @Test
    void theDriversGuardKeepsNd4jFromProbingCudaToo() throws Exception {
        Run r = fork(Map.of(), "hide");
        assertEquals(List.of("jars true", "backend CpuBackend"), r.ours(), r.out());
        assertFalse(r.probedCuda(), "CUDA was probed despite Cuda.hideFromNd4j()");
    }
}
