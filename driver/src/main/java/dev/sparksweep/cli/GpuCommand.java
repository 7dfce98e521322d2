package dev.sparksweep.cli;

import dev.sparksweep.bench.StepBenchmark;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.worker.Engine;
import dev.sparksweep.worker.gpu.Cuda;
import dev.sparksweep.worker.gpu.GpuDevice;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sweep gpu}: which ND4J backend this JVM loads and the GPUs it sees; exit 0 only when ND4J runs on CUDA
 * with a GPU its build supports. With --time-step, the wall time of one optimiser step on that backend.
 */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = "Show the ND4J backend this JVM loads and its GPUs; exit 0 only when ND4J runs on CUDA with a "
                + "supported GPU (README \"GPU\").")
final class GpuCommand implements Callable<Integer> {
    @Option(names = "--time-step", description = "also time one optimizer step (784-256-10, batch 128, Adam) on the "
            + "backend that loaded, as the median of about 3 s of steps")
    boolean timeStep;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("CUDA jars on the classpath: " + (Cuda.jarsPresent() ? "yes" : "no"));
        String backend = Cuda.loadedBackend();
        out.println("backend: " + backend);
        List<GpuDevice> devices = "JCublasBackend".equals(backend) ? Cuda.devices() : List.of();
        devices.forEach(d -> out.println(d.describe() + (d.supported() ? "" : " (not supported by this ND4J build)")));
        out.println("CUDA_VISIBLE_DEVICES=" + nonNull(System.getenv("CUDA_VISIBLE_DEVICES")) + " CUDA_DEVICE_ORDER="
                + nonNull(System.getenv("CUDA_DEVICE_ORDER")) + " BACKEND_PRIORITY_GPU="
                + nonNull(System.getenv("BACKEND_PRIORITY_GPU")));
        if (timeStep) {
            StepBenchmark.Row r = StepBenchmark.measure(Engine.DL4J, new StepBenchmark.Net(784, List.of(256), 10), 128,
                    3.0);
            out.println(String.format(Locale.ROOT, "step 784-256-10 batch 128 on %s: %.0f µs wall, %.0f µs process CPU "
                    + "(%d steps)", backend, r.wallMicros(), r.processMicros(), r.steps()));
        }
        out.flush();
        String why = Cuda.whyNot();
        if (why != null) {
            throw new BadInputException("gpu: " + why);
        }
        return 0;
    }

    private static String nonNull(String s) {
        return s == null ? "(not set)" : s;
    }
}
