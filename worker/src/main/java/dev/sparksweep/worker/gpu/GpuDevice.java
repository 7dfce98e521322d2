package dev.sparksweep.worker.gpu;

import java.io.Serializable;
import java.util.Locale;

/**
 * The GPU a task trained on, as ND4J's CUDA backend reports it.
 *
 * @param address the address Spark gave the task (its resource scheduling), or "" when none was given
 * @param visible the executor's CUDA_VISIBLE_DEVICES, or "" when it is not set
 * @param index the CUDA device index the task thread was bound to; -1 when it could not be bound
 * @param name the device's name, e.g. "NVIDIA A100-SXM4-40GB"
 * @param major compute capability, major part
 * @param minor compute capability, minor part
 * @param memoryBytes the device's total memory
 */
public record GpuDevice(String address, String visible, int index, String name, int major, int minor,
                        long memoryBytes) implements Serializable {


    /** A GPU Spark gave a task that could not be bound (the trial failed and says why). */
    public static GpuDevice unbound(String address, String visible) {
        return new GpuDevice(address == null ? "" : address, visible == null ? "" : visible, -1, "", 0, 0, 0);
    }

    /** This device as the task with {@code address} and {@code visible} saw it. */
    public GpuDevice forTask(String address, String visible) {
        return new GpuDevice(address == null ? "" : address, visible == null ? "" : visible, index, name, major, minor,
                memoryBytes);
    }

    public String computeCapability() {
        return major + "." + minor;
    }

    /**
     * Whether ND4J's CUDA build has code this device runs. libnd4jcuda.so of 1.0.0-M2.1 holds machine code for
     * sm_37, 50, 52, 60, 61, 70, 75, 80 and 86 and no PTX; machine code runs on devices of its major version with an
     * equal or higher minor one, so 3.7 and every 5.x to 8.x device (Ada's 8.9 included), and nothing from 9.0 on.
     */
    public boolean supported() {
        return major == 3 ? minor >= 7 : major >= 5 && major <= 8;
    }

    /** One line: "device 0: NVIDIA A100-SXM4-40GB, compute capability 8.0, 40536 MiB". */
    public String describe() {
        return String.format(Locale.ROOT, "device %d: %s, compute capability %s, %d MiB", index, name,
                computeCapability(), memoryBytes >> 20);
    }

    /** Why ND4J cannot run on it, for a device that is not {@link #supported()}. */
    public String unsupported() {
        return "GPU " + index + " (" + name + ") has compute capability " + computeCapability() + ", but ND4J "
                + "1.0.0-M2.1's CUDA build runs only on 3.7 and 5.0 to 8.9 (Kepler K80 to Ada; no Hopper or newer)";
    }
}
