package dev.sparksweep.data;

import dev.sparksweep.data.RowProblem.Kind;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Checks the lines of a LibSVM source before Spark's libsvm reader sees them: that reader fails a whole job on
 * the first bad line, without saying where. Same rules: blank lines and lines starting with # are skipped;
 * otherwise "label index:value ..." with 1-based, strictly ascending indices.
 */
final class LibSvmLines {
    private LibSvmLines() {
    }

    static void check(SparkSession spark, Table probe, String path) {
        var rdd = spark.read().text(path).withColumn(SourceReader.FILE, functions.input_file_name()).javaRDD();
        List<PartitionScan> scans = rdd.mapPartitionsWithIndex(
                (p, rows) -> List.of(scan(p, rows)).iterator(), false).collect();
        TableLoader.refuseFirstProblem(probe, scans);
    }

    static PartitionScan scan(int partition, Iterator<Row> rows) {
        LinkedHashMap<String, Long> perFile = new LinkedHashMap<>();
        long kept = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            String file = row.getString(1);
            long offset = perFile.getOrDefault(file, 0L);
            perFile.put(file, offset + 1);
            String line = row.getString(0).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String problem = problem(line);
            if (problem != null) {
                String shown = line.length() > 60 ? line.substring(0, 57) + "..." : line;
                return new PartitionScan(partition, perFile, new RowProblem(Kind.NOT_LIBSVM, file, offset, null,
                        problem + ": \"" + shown + "\""), kept, 0, new TreeMap<>());
            }
            kept++;
        }
        return new PartitionScan(partition, perFile, null, kept, 0, new TreeMap<>());
    }

    /** What is wrong with one non-blank line, or null. */
    static String problem(String line) {
        String[] items = line.split("\\s+");
        if (!RowParser.isNumber(items[0])) {
            return "the label is not a number";
        }
        long previous = 0;
        for (int i = 1; i < items.length; i++) {
            int colon = items[i].indexOf(':');
            if (colon < 0) {
                return "item " + i + " is not index:value";
            }
            long index;
            try {
                index = Long.parseLong(items[i].substring(0, colon));
            } catch (NumberFormatException e) {
                return "item " + i + " has an index that is not an integer";
            }
            if (index < 1 || index <= previous || index > Integer.MAX_VALUE) {
                return "item " + i + " has index " + index + "; indices are 1-based and strictly ascending";
            }
            if (!RowParser.isNumber(items[i].substring(colon + 1))) {
                return "item " + i + " has a value that is not a number";
            }
            previous = index;
        }
        return null;
    }
}
