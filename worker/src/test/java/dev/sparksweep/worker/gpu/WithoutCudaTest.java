package dev.sparksweep.worker.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's guard against a CUDA backend on its classpath, on the services files ND4J reads. */
class WithoutCudaTest {
    @TempDir
    Path dir;

    List<String> seen(String... files) throws Exception {
        List<URL> roots = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            Path f = dir.resolve("jar" + i).resolve(Cuda.WithoutCuda.SERVICES);
            Files.createDirectories(f.getParent());
            Files.writeString(f, files[i]);
            roots.add(dir.resolve("jar" + i).toUri().toURL());
        }
        try (URLClassLoader jars = new URLClassLoader(roots.toArray(URL[]::new), null)) {
            List<String> out = new ArrayList<>();
            for (URL u : Collections.list(new Cuda.WithoutCuda(jars).getResources(Cuda.WithoutCuda.SERVICES))) {
                try (InputStream in = u.openStream()) {
                    out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
                }
            }
            return out;
        }
    }

    @Test
    void theCudaJarsFileIsHiddenAndTheCpusKept() throws Exception {
        assertEquals(List.of("org.nd4j.linalg.cpu.nativecpu.CpuBackend"),
                seen("org.nd4j.linalg.cpu.nativecpu.CpuBackend\n", "org.nd4j.linalg.jcublas.JCublasBackend\n"));
    }

    @Test
    void aShadedJarThatMergedBothKeepsTheCpuLine() throws Exception {
        assertEquals(List.of("org.nd4j.linalg.cpu.nativecpu.CpuBackend"),
                seen("org.nd4j.linalg.jcublas.JCublasBackend\norg.nd4j.linalg.cpu.nativecpu.CpuBackend\n"));
    }
}
