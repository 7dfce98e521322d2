package dev.sparksweep.worker.gpu;

/** Run by CudaFallbackTest in a JVM of its own: what a gpu task and the cpu guard see there. */
public final class CudaProbeMain {
    private CudaProbeMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("hide")) {
            Cuda.hideFromNd4j();
        }
        System.out.println("jars " + Cuda.jarsPresent());
        if (args.length > 0 && args[0].equals("task")) {
            try {
                Cuda.forTask("1", "1");
                System.out.println("bound");
            } catch (Cuda.GpuUnavailable e) {
                System.out.println("refused " + e.getMessage());
            }
        }
        System.out.println("backend " + Cuda.loadedBackend());
    }
}
