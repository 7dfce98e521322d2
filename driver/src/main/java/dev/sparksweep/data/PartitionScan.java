package dev.sparksweep.data;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one partition of a source holds: rows per file (to turn offsets into row numbers), the first problem,
 * rows kept and dropped, and the label counts of the kept rows.
 */
public record PartitionScan(int partition, LinkedHashMap<String, Long> rowsPerFile, RowProblem firstProblem,
                            long kept, long dropped, TreeMap<String, Long> labelCounts) implements Serializable {

    public long rows(String file) {
        return rowsPerFile.getOrDefault(file, 0L);
    }

    static Map<String, Long> merge(Map<String, Long> into, Map<String, Long> counts) {
        counts.forEach((k, v) -> into.merge(k, v, Long::sum));
        return into;
    }
}
