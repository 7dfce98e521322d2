package dev.sparksweep.worker.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceIndexTest {
    @Test
    void withoutCudaVisibleDevicesTheAddressIsTheIndex() {
        assertEquals(0, DeviceIndex.of("0", null));
        assertEquals(3, DeviceIndex.of(" 3 ", null));
    }

    @Test
    void withCudaVisibleDevicesTheIndexIsTheAddressesPosition() {
        assertEquals(0, DeviceIndex.of("1", "1"));
        assertEquals(1, DeviceIndex.of("3", "2,3"));
        assertEquals(2, DeviceIndex.of("7", " 5, 6 ,7"));
        assertEquals(1, DeviceIndex.of("GPU-8a1c", "GPU-77f0,GPU-8a1c"));
    }

    @Test
    void anAddressOutsideCudaVisibleDevicesIsRefusedWithBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceIndex.of("2", "0,1"));
        assertEquals("the task's GPU address must be one of CUDA_VISIBLE_DEVICES [0, 1], but got 2", e.getMessage());
    }

    @Test
    void anEmptyCudaVisibleDevicesHidesEveryGpu() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceIndex.of("0", ""));
        assertEquals("CUDA_VISIBLE_DEVICES must name the task's GPU 0, but it is set and empty (the executor sees no "
                + "GPU)", e.getMessage());
    }

    @Test
    void aNonNumericAddressNeedsCudaVisibleDevices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceIndex.of("GPU-8a1c", null));
        assertEquals("a GPU address must be a device index >= 0 when CUDA_VISIBLE_DEVICES is not set, but got GPU-8a1c",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceIndex.of("-1", null));
        assertThrows(IllegalArgumentException.class, () -> DeviceIndex.of("", null));
    }

    @Test
    void supportedComputeCapabilitiesAreThoseOfTheCudaBuild() {
        assertTrue(new GpuDevice("0", "", 0, "Tesla K80", 3, 7, 12L << 30).supported());
        assertTrue(new GpuDevice("0", "", 0, "NVIDIA A10", 8, 6, 24L << 30).supported());
        assertTrue(new GpuDevice("0", "", 0, "NVIDIA L4", 8, 9, 24L << 30).supported());
        assertTrue(new GpuDevice("0", "", 0, "Tesla V100", 7, 0, 16L << 30).supported());
        assertFalse(new GpuDevice("0", "", 0, "Tesla K20", 3, 5, 5L << 30).supported());
        assertFalse(new GpuDevice("0", "", 0, "NVIDIA B200", 10, 0, 180L << 30).supported());
        GpuDevice h100 = new GpuDevice("0", "", 0, "NVIDIA H100 80GB HBM3", 9, 0, 80L << 30);
        assertFalse(h100.supported());
        assertEquals("GPU 0 (NVIDIA H100 80GB HBM3) has compute capability 9.0, but ND4J 1.0.0-M2.1's CUDA build runs "
                + "only on 3.7 and 5.0 to 8.9 (Kepler K80 to Ada; no Hopper or newer)", h100.unsupported());
        assertEquals("device 0: NVIDIA A10, compute capability 8.6, 24576 MiB",
                new GpuDevice("1", "1", 0, "NVIDIA A10", 8, 6, 24L << 30).describe());
    }
}
