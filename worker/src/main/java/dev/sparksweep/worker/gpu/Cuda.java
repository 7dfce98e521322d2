package dev.sparksweep.worker.gpu;

import dev.sparksweep.worker.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's CUDA backend in this JVM, seen from outside: whether its jars are here, whether ND4J loaded it, why not,
 * and its devices. Never falls back silently: {@link #require} names what is missing.
 */
public final class Cuda {
    private static volatile String probed;
    private static volatile List<GpuDevice> seen;
    public static final String BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";
    /** Where the README explains the GPU set-up; every refusal points there. */
    public static final String SEE = "see README \"GPU\"";

    private Cuda() {
    }

    /** The device name of a fake GPU (see {@link #faking}). */
    public static final String FAKE = "fake GPU (SPARKSWEEP_FAKE_GPUS; trained on the CPU)";

    /**
     * For tests of the scheduling on machines without GPUs (scripts/cluster-up --fake-gpus): with
     * SPARKSWEEP_FAKE_GPUS set in an executor's environment, a gpu task maps its address as usual, binds nothing
     * and trains on the CPU, and its journal line names the device a fake.
     */
    static boolean faking() {
        String f = System.getenv("SPARKSWEEP_FAKE_GPUS");
        return f != null && !f.isBlank();
    }

    /** Whether ND4J's CUDA backend classes are on this JVM's classpath. */
    public static boolean jarsPresent() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        String resource = BACKEND_CLASS.replace('.', '/') + ".class";
        return (cl != null && cl.getResource(resource) != null) || Cuda.class.getClassLoader().getResource(resource) != null;
    }

    /** The simple name of the backend ND4J loaded: JCublasBackend or CpuBackend. Starts ND4J if needed. */
    public static String loadedBackend() {
        return quietly(() -> {
            Backend.ensureReady();
            return Nd4j.getBackend().getClass().getSimpleName();
        });
    }

    public static boolean loaded() {
        return "JCublasBackend".equals(loadedBackend());
    }

    /**
     * Null when ND4J runs on CUDA with at least one device it supports; else why not, in one line that ends by
     * pointing at the README.
     */
    public static String whyNot() {
        if (!jarsPresent()) {
            return "ND4J's CUDA backend is not on the classpath (no " + BACKEND_CLASS + "; build it with "
                    + "mvn -Pgpu package, which lays it out in gpu-home/target/gpu-home/jars); " + SEE;
        }
        probeFailure(); // before ND4J's own probe: a second attempt says less ("no jnicudart in java.library.path")
        String backend = loadedBackend();
        if (!"JCublasBackend".equals(backend)) {
            return "ND4J loaded " + backend + " instead of JCublasBackend: " + probeFailure() + "; " + SEE;
        }
        List<GpuDevice> devices = devices();
        if (devices.isEmpty()) {
            return "ND4J's CUDA backend sees no GPU; " + SEE;
        }
        for (GpuDevice d : devices) {
            if (!d.supported()) {
                return d.unsupported() + "; " + SEE;
            }
        }
        return null;
    }

    /** Throws {@link GpuUnavailable} with {@link #whyNot()} unless ND4J runs on CUDA. */
    public static void require() {
        String why = whyNot();
        if (why != null) {
            throw new GpuUnavailable(why);
        }
    }

    /**
     * Why ND4J's CUDA backend would not load: what its availability check throws, asked once per JVM and before
     * ND4J asks (ND4J then logs "Skipped [JCublasBackend] backend (unavailable)" and falls back to the CPU).
     */
    static String probeFailure() {
        String why = probed;
        if (why == null) {
            why = quietly(Cuda::probe);
            probed = why;
        }
        return why;
    }

    /**
     * Runs {@code s} with System.err discarded: ND4J's CUDA check prints its failure's stack trace there itself
     * (JCublasBackend.isAvailable), whatever the logging, and the one-line reason says the same.
     */
    static synchronized <T> T quietly(Supplier<T> s) {
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return s.get();
        } finally {
            System.setErr(err);
        }
    }

    private static String probe() {
        try {
            Object b = Class.forName(BACKEND_CLASS, true, Cuda.class.getClassLoader()).getDeclaredConstructor()
                    .newInstance();
            boolean ok = (Boolean) b.getClass().getMethod("isAvailable").invoke(b);
            return ok ? "its availability check passes, but ND4J preferred the CPU backend (is BACKEND_PRIORITY_GPU "
                    + "set below BACKEND_PRIORITY_CPU?)"
                    : "its availability check said no";
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // JavaCPP's words depend on whether this JVM tried before (a second try says only "no jnicudart in
            // java.library.path"), so the driver library, the usual cause, is looked for first
            if (findDriverLibrary() == null) {
                return "the CUDA libraries could not be loaded: there is no NVIDIA driver here (" + DRIVER_LIBRARY
                        + " is on no library path)";
            }
            return "the CUDA libraries could not be loaded (" + linkFailure(innermost(e)) + "; is the CUDA 11.6 "
                    + "runtime installed, or the redist jar on the classpath?)";
        }
    }

    static final String DRIVER_LIBRARY = "libcuda.so.1";

    /** Where the NVIDIA driver's library is, on the paths the dynamic linker and JavaCPP search; null if nowhere. */
    static Path findDriverLibrary() {
        List<String> dirs = new ArrayList<>();
        for (String var : new String[] {System.getenv("LD_LIBRARY_PATH"), System.getProperty("java.library.path")}) {
            if (var != null) {
                dirs.addAll(List.of(var.split(":")));
            }
        }
        try (var confs = Files.list(Path.of("/etc/ld.so.conf.d"))) {
            for (Path conf : confs.toList()) {
                Files.readAllLines(conf).stream().map(String::strip).filter(l -> l.startsWith("/")).forEach(dirs::add);
            }
        } catch (IOException | RuntimeException ignored) {
            // no such directory: the standard ones below
        }
        dirs.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib",
                "/lib", "/usr/local/cuda/compat", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib"));
        for (String d : dirs) {
            if (!d.isBlank() && Files.exists(Path.of(d, DRIVER_LIBRARY))) {
                return Path.of(d, DRIVER_LIBRARY);
            }
        }
        return null;
    }

    /**
     * JavaCPP's link errors said short: "UnsatisfiedLinkError: no jnicudart in java.library.path", without the path
     * list, the thread, or the wrapper a failed class initialisation puts around it the second time.
     */
    static String linkFailure(String innermost) {
        String s = innermost;
        int ule = s.indexOf("UnsatisfiedLinkError: ");
        if (ule >= 0) {
            s = s.substring(ule);
        }
        s = s.replaceFirst("(in java\\.library\\.path):.*$", "$1")
                .replaceFirst("/\\S*/(lib[^/:\\s]+\\.so[^:\\s]*):", "$1:") // JavaCPP's cache path before a library
                .replaceFirst("\\s*\\[in thread \"[^\"]*\"\\]$", "");
        return s;
    }

    /** The CUDA devices ND4J sees, in CUDA's order; empty on the CPU backend. Read once per JVM. */
    public static List<GpuDevice> devices() {
        List<GpuDevice> known = seen;
        if (known == null) {
            known = List.copyOf(readDevices());
            seen = known;
        }
        return known;
    }

    private static List<GpuDevice> readDevices() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        List<GpuDevice> out = new ArrayList<>();
        Object list = env.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
        if (!(list instanceof List<?> infos)) {
            return out;
        }
        for (int i = 0; i < infos.size(); i++) {
            Map<?, ?> m = (Map<?, ?>) infos.get(i);
            out.add(new GpuDevice("", "", i, String.valueOf(m.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY)),
                    number(m.get(Nd4jEnvironment.CUDA_DEVICE_MAJOR_VERSION_KEY)),
                    number(m.get(Nd4jEnvironment.CUDA_DEVICE_MINOR_VERSION_KEY)),
                    bytes(m.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY))));
        }
        return out;
    }

    /**
     * Prepares the calling task thread for a trial on the GPU Spark gave it: checks that ND4J runs on CUDA, maps
     * the address to a device index and binds the thread to it, before any ND4J work but the backend's start.
     *
     * @param address the task's GPU address from Spark's resource scheduling; null when Spark gave none (a local
     *     master), and then the task takes a free GPU of this JVM's (see {@link LocalDevices}); give it back with
     *     {@link #release}
     * @param cudaVisibleDevices the executor's CUDA_VISIBLE_DEVICES, or null
     * @throws GpuUnavailable saying, in one line, why the trial cannot run on a GPU here
     */
    public static GpuDevice forTask(String address, String cudaVisibleDevices) {
        if (faking() && address != null) {
            try {
                return new GpuDevice(address, cudaVisibleDevices == null ? "" : cudaVisibleDevices,
                        DeviceIndex.of(address, cudaVisibleDevices), FAKE, 0, 0, 0);
            } catch (IllegalArgumentException e) {
                throw new GpuUnavailable("backend gpu, but " + e.getMessage() + "; " + SEE);
            }
        }
        if (!jarsPresent()) {
            throw new GpuUnavailable("backend gpu, but ND4J's CUDA backend is not on this executor's classpath (no "
                    + BACKEND_CLASS + "; name the jars of gpu-home/target/gpu-home/jars in spark.jars as local: URIs, "
                    + "as scripts/submit does)" + "; " + SEE);
        }
        String backend;
        try {
            probeFailure();
            backend = loadedBackend();
        } catch (RuntimeException | LinkageError e) {
            throw new GpuUnavailable("backend gpu, but ND4J could not start (" + innermost(e) + "); " + SEE);
        }
        if (!"JCublasBackend".equals(backend)) {
            throw new GpuUnavailable("backend gpu, but ND4J loaded " + backend + " instead of JCublasBackend: "
                    + probeFailure() + "; " + SEE);
        }
        if (address == null) {
            int local;
            try {
                local = LocalDevices.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GpuUnavailable("backend gpu, but the task was interrupted while it waited for a GPU");
            }
            try {
                return bind(local, null);
            } catch (RuntimeException e) {
                LocalDevices.give(local);
                throw e;
            }
        }
        int index;
        try {
            index = DeviceIndex.of(address, cudaVisibleDevices);
        } catch (IllegalArgumentException e) {
            throw new GpuUnavailable("backend gpu, but " + e.getMessage() + "; " + SEE);
        }
        return bind(index, address);
    }

    /** Gives back a GPU {@link #forTask} took from this JVM's own pool (a local master); else does nothing. */
    public static void release(GpuDevice d) {
        if (d != null && d.address().isEmpty() && d.index() >= 0) {
            LocalDevices.give(d.index());
        }
    }

    /**
     * Binds the calling thread to CUDA device {@code index}: every ND4J array and kernel of this thread from now
     * on lives there. Spark pools its task threads, so every task binds again.
     */
    public static GpuDevice bind(int index, String address) {
        List<GpuDevice> devices = devices();
        if (index >= devices.size()) {
            throw new GpuUnavailable("the task's GPU " + address + " is CUDA device " + index + ", but this executor "
                    + "sees " + devices.size() + " (CUDA_VISIBLE_DEVICES=" + System.getenv("CUDA_VISIBLE_DEVICES")
                    + "); " + SEE);
        }
        GpuDevice d = devices.get(index);
        if (!d.supported()) {
            throw new GpuUnavailable(d.unsupported() + "; " + SEE);
        }
        Nd4j.getAffinityManager().unsafeSetDevice(index);
        return d.forTask(address, System.getenv("CUDA_VISIBLE_DEVICES"));
    }

    /**
     * Keeps ND4J in this JVM off a CUDA backend on its classpath, as BACKEND_PRIORITY_GPU=-1 does (an environment
     * variable, which a running JVM cannot set for itself): ND4J finds its backends through the service files of its
     * class loader, and the CUDA jar's is hidden. Does nothing when no CUDA jar is here, when
     * BACKEND_PRIORITY_GPU is set (the user's word wins), or once ND4J has started.
     */
    public static synchronized void hideFromNd4j() {
        if (!jarsPresent() || System.getenv("BACKEND_PRIORITY_GPU") != null
                || ND4JClassLoading.getNd4jClassloader() instanceof WithoutCuda) {
            return;
        }
        ClassLoader parent = ND4JClassLoading.getNd4jClassloader();
        ND4JClassLoading.setNd4jClassloader(new WithoutCuda(parent == null ? Cuda.class.getClassLoader() : parent));
    }

    /**
     * Its parent, less the CUDA backend's service entry: a services file that names it is served without that line
     * (from a copy in a temporary file), so a shaded jar that merged both backends' entries keeps the CPU's.
     */
    static final class WithoutCuda extends ClassLoader {
        static final String SERVICES = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

        WithoutCuda(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> all = getParent().getResources(name);
            if (!SERVICES.equals(name)) {
                return all;
            }
            List<URL> kept = new ArrayList<>();
            for (URL u : Collections.list(all)) {
                String text;
                try (InputStream in = u.openStream()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!text.contains(BACKEND_CLASS)) {
                    kept.add(u);
                    continue;
                }
                List<String> rest = text.lines().filter(l -> !l.strip().equals(BACKEND_CLASS)).toList();
                if (rest.stream().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("#"))) {
                    Path copy = Files.createTempFile("nd4j-backends", ".txt");
                    copy.toFile().deleteOnExit();
                    Files.write(copy, rest, StandardCharsets.UTF_8);
                    kept.add(copy.toUri().toURL());
                }
            }
            return Collections.enumeration(kept);
        }
    }

    private static int number(Object o) {
        return o instanceof Number n ? n.intValue() : -1;
    }

    private static long bytes(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }

    static String innermost(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? "" : root.getMessage().strip().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }

    /** The CUDA backend is missing or cannot run here; the message says why, in one line. */
    public static final class GpuUnavailable extends RuntimeException {
        public GpuUnavailable(String message) {
            super(message);
        }
    }
}
