package dev.sparksweep.worker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Flattened float parameters to bytes and back, so they cross Spark and disk without ND4J types. */
public final class ParameterBytes {
    private ParameterBytes() {
    }

    public static byte[] toBytes(float[] params) {
        ByteBuffer buf = ByteBuffer.allocate(params.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(params);
        return buf.array();
    }

    public static float[] toFloats(byte[] bytes) {
        float[] out = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
