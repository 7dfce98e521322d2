package dev.sparksweep.worker;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J set-up for one executor JVM: float math, one compute thread per Spark task. */
public final class Backend {
    private static volatile boolean ready;

    private Backend() {
    }

    public static void ensureReady() {
        if (ready) {
            return;
        }
        synchronized (Backend.class) {
            if (ready) {
                return;
            }
            // Nd4j.getBackend() must be the first ND4J call in a fresh JVM: touching other classes first
            // (NativeOpsHolder) leaves the executor with NoClassDefFoundError.
            Nd4j.getBackend();
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
            // Each Spark task trains one candidate; more threads per task only oversubscribe the cores.
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            Nd4j.factory().blas().setMaxThreads(1);
            ready = true;
        }
    }

    /** A one-line description of the backend, for provenance. */
    public static String describe() {
        ensureReady();
        return Nd4j.getBackend().getClass().getSimpleName() + " (" + Nd4j.getExecutioner().getClass().getSimpleName()
                + ", " + Nd4j.dataType() + ")";
    }
}
