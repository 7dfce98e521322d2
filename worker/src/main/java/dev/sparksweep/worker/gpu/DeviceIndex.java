package dev.sparksweep.worker.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps the GPU address Spark gave a task to the CUDA device index the task's thread binds to. CUDA numbers the
 * devices a process can see from 0, in the order of CUDA_VISIBLE_DEVICES when that is set; Spark's addresses are
 * whatever the discovery script or resources file named (usually the physical indices nvidia-smi prints).
 */
public final class DeviceIndex {
    private DeviceIndex() {
    }

    /**
     * @param address the task's GPU address, e.g. "1" (or a GPU UUID)
     * @param cudaVisibleDevices the executor's CUDA_VISIBLE_DEVICES, or null when it is not set
     * @return the address's position in CUDA_VISIBLE_DEVICES when that is set, else the address as a number
     * @throws IllegalArgumentException naming the rule and the values, when the address cannot be mapped
     */
    public static int of(String address, String cudaVisibleDevices) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a GPU address must be given, but got none");
        }
        String a = address.strip();
        if (cudaVisibleDevices != null && cudaVisibleDevices.isBlank()) {
            throw new IllegalArgumentException("CUDA_VISIBLE_DEVICES must name the task's GPU " + a
                    + ", but it is set and empty (the executor sees no GPU)");
        }
        if (cudaVisibleDevices != null) {
            List<String> visible = visible(cudaVisibleDevices);
            int i = visible.indexOf(a);
            if (i < 0) {
                throw new IllegalArgumentException("the task's GPU address must be one of CUDA_VISIBLE_DEVICES "
                        + visible + ", but got " + a);
            }
            return i;
        }
        try {
            int i = Integer.parseInt(a);
            if (i >= 0) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new IllegalArgumentException("a GPU address must be a device index >= 0 when CUDA_VISIBLE_DEVICES is "
                + "not set, but got " + a);
    }

    /** The entries of CUDA_VISIBLE_DEVICES, as CUDA reads them: comma-separated, blanks trimmed. */
    static List<String> visible(String cudaVisibleDevices) {
        List<String> out = new ArrayList<>();
        for (String s : cudaVisibleDevices.split(",")) {
            out.add(s.strip());
        }
        return out;
    }
}
