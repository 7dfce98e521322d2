package dev.sparksweep.data;

import java.io.Serializable;

/**
 * The kept rows of one partition, packed: row-major float features and the label text (null entries when the
 * source has no label column).
 */
public record Chunk(int partition, float[] x, String[] labels) implements Serializable {

    public int rows() {
        return labels.length;
    }
}
