package dev.sparksweep.worker.gpu;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The GPUs of a JVM whose tasks Spark runs itself (a local master), handed out one per task: Spark's resource
 * scheduling gives local tasks none, so this pool keeps two trials off one GPU at once. A task that finds every
 * GPU taken waits for one.
 */
public final class LocalDevices {
    private static BlockingQueue<Integer> free;

    private LocalDevices() {
    }

    private static synchronized BlockingQueue<Integer> pool() {
        if (free == null) {
            int n = Cuda.devices().size();
            free = new LinkedBlockingQueue<>();
            for (int i = 0; i < n; i++) {
                free.add(i);
            }
        }
        return free;
    }

    /** A free device index, waiting for one if every device is taken. */
    public static int take() throws InterruptedException {
        if (Cuda.devices().isEmpty()) {
            throw new Cuda.GpuUnavailable("backend gpu, but ND4J's CUDA backend sees no GPU; " + Cuda.SEE);
        }
        return pool().take();
    }

    /** Gives back what {@link #take} gave. */
    public static void give(int index) {
        pool().add(index);
    }
}
