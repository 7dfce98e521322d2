package dev.sparksweep.data;

import dev.sparksweep.common.BadInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * Reads a table's rows in two passes over the executors: a scan that checks every row and counts, then (if the
 * data passed and fits) a pass that packs the kept rows and collects them to the driver once.
 */
public final class TableLoader {
    private TableLoader() {
    }

    /** What the scan found, before anything is collected. */
    public record Scanned(long kept, long dropped, TreeMap<String, Long> labelCounts) {
    }

    /**
     * @param labelNames the class order to use (validation, test and predict input), or null to derive it from
     *     this table's labels (the main source)
     */
    public static Dataset load(Table t, RowParser parser, long maxSizeMb, List<String> labelNames) {
        try {
            return read(t, parser, maxSizeMb, labelNames);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Scala code throws checked exceptions Java cannot see, a SparkException for a corrupt file
            throw unreadable(t, e);
        }
    }

    /** A failure inside Spark's reader (a corrupt file, say), as one line naming the source and the cause. */
    static BadInputException unreadable(Table t, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        return new BadInputException(t.where() + "cannot be read: " + m.lines().findFirst().orElse(m));
    }

    private static Dataset read(Table t, RowParser parser, long maxSizeMb, List<String> labelNames) {
        JavaRDD<Row> rdd = t.rows().javaRDD();
        Scanned s = scan(t, rdd, parser);
        if (s.kept() == 0) {
            throw new BadInputException(t.where() + (s.dropped() == 0 ? "has no data rows"
                    : "has no rows left after leaving out " + s.dropped() + (parser.impute() ? " without a label"
                    : " with missing values")));
        }
        int f = parser.numFeatures();
        double mib = s.kept() * (double) f * Float.BYTES / (1024.0 * 1024.0);
        if (mib > maxSizeMb || s.kept() * (long) f > Integer.MAX_VALUE - 8) {
            throw new BadInputException(String.format(Locale.ROOT, "data.max_size_mb: the data must fit in %d MiB "
                    + "as float32 to be collected and broadcast, but %s has %d rows x %d features = %.1f MiB (raise "
                    + "data.max_size_mb; every executor needs that much memory as well)", maxSizeMb, t.source(),
                    s.kept(), f, mib));
        }
        List<String> names = parser.numericLabel() ? List.of() : labelNames;
        if (names == null && parser.label() != null) {
            names = LabelIndex.order(s.labelCounts().keySet());
            if (names.size() < 2) {
                throw new BadInputException("data.label: needs at least 2 classes, but " + t.source() + " column "
                        + parser.label().display() + " has 1 (\"" + names.get(0) + "\")");
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; names != null && i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        List<Chunk> chunks = new ArrayList<>(rdd.mapPartitionsWithIndex(
                (p, rows) -> List.of(parser.pack(p, rows)).iterator(), false).collect());
        chunks.sort(Comparator.comparingInt(Chunk::partition));
        int n = chunks.stream().mapToInt(Chunk::rows).sum();
        float[] x = new float[n * f];
        int[] y = new int[n];
        double[] target = parser.numericLabel() && parser.label() != null ? new double[n] : null;
        int r = 0;
        for (Chunk c : chunks) {
            System.arraycopy(c.x(), 0, x, r * f, c.x().length);
            for (String label : c.labels()) {
                if (target != null) {
                    target[r++] = label == null ? Double.NaN : Double.parseDouble(label);
                } else {
                    y[r++] = label == null ? -1 : index.getOrDefault(label, -1);
                }
            }
        }
        List<String> featureNames = ColumnPlan.featureNames(t, parser);
        List<Dataset.CategoricalFeature> categorical = new ArrayList<>();
        int position = 0;
        for (int k = 0; k < parser.features().size(); k++) {
            RowParser.Column c = parser.features().get(k);
            if (c.type() == RowParser.Type.CATEGORY) {
                categorical.add(new Dataset.CategoricalFeature(position, k, featureNames.get(position),
                        c.categories()));
            }
            position += c.width();
        }
        String sha = hash(x, y, names == null ? List.of() : names, featureNames, categorical);
        if (target != null) {
            sha = dev.sparksweep.common.Sha256.hex(sha + ":" + targetHash(target));
        }
        return new Dataset(t.source(), x, y, f, names == null ? List.of() : names, featureNames, sha, s.dropped(),
                categorical, target);
    }

    private static Scanned scan(Table t, JavaRDD<Row> rdd, RowParser parser) {
        List<PartitionScan> scans = rdd.mapPartitionsWithIndex(
                (p, rows) -> List.of(parser.scan(p, rows)).iterator(), false).collect();
        refuseFirstProblem(t, scans);
        long kept = 0;
        long dropped = 0;
        TreeMap<String, Long> labels = new TreeMap<>();
        for (PartitionScan s : scans) {
            PartitionScan.merge(labels, s.labelCounts());
            kept += s.kept();
            dropped += s.dropped();
        }
        return new Scanned(kept, dropped, labels);
    }

    /** The first problem in partition order, with its row number in its file, as a BadInputException. */
    static void refuseFirstProblem(Table t, List<PartitionScan> unordered) {
        List<PartitionScan> scans = new ArrayList<>(unordered);
        scans.sort(Comparator.comparingInt(PartitionScan::partition));
        boolean manyFiles = scans.stream().flatMap(s -> s.rowsPerFile().keySet().stream()).distinct().count() > 1;
        Map<String, Long> before = new HashMap<>();
        for (PartitionScan s : scans) {
            RowProblem p = s.firstProblem();
            if (p != null) {
                throw new BadInputException(message(t, p, before.getOrDefault(p.file(), 0L) + p.offset() + 1,
                        manyFiles));
            }
            PartitionScan.merge(before, s.rowsPerFile());
        }
    }

    /** "data.source: csv:/x.csv: row 7, column "b": is not a number, but got "abc"". */
    static String message(Table t, RowProblem p, long row, boolean manyFiles) {
        StringBuilder m = new StringBuilder(t.where());
        if (manyFiles) {
            m.append("file ").append(p.file().substring(p.file().lastIndexOf('/') + 1)).append(", ");
        }
        m.append("row ").append(row);
        if (p.column() != null) {
            m.append(", ").append(p.column().startsWith("column") ? "" : "column ")
                    .append(p.column());
        }
        m.append(": ");
        switch (p.kind()) {
            case RAGGED -> m.append("has a different number of fields from ")
                    .append(t.named() ? "the header" : "the first row").append(" (").append(t.columns().size())
                    .append("), but got \"").append(p.value()).append('"');
            case MISSING, MISSING_LABEL -> m.append(p.kind().rule);
            case NOT_LIBSVM -> m.append(p.kind().rule).append(": ").append(p.value());
            default -> m.append(p.kind().rule).append(", but got \"").append(p.value()).append('"');
        }
        return m.toString();
    }

    private static String targetHash(double[] target) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(target.length * Double.BYTES);
            b.asDoubleBuffer().put(target);
            md.update(b.array());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(float[] x, int[] y, List<String> names, List<String> featureNames,
                               List<Dataset.CategoricalFeature> categorical) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            for (float v : x) {
                if (b.remaining() < Float.BYTES) {
                    md.update(b.flip());
                    b.clear();
                }
                b.putFloat(v);
            }
            for (int v : y) {
                if (b.remaining() < Integer.BYTES) {
                    md.update(b.flip());
                    b.clear();
                }
                b.putInt(v);
            }
            md.update(b.flip());
            md.update(String.join("\n", names).getBytes(StandardCharsets.UTF_8));
            md.update(String.join("\n", featureNames).getBytes(StandardCharsets.UTF_8));
            for (Dataset.CategoricalFeature c : categorical) { // nothing for numeric data: its hash stays as it was
                md.update(("\n" + c.position() + ":" + String.join("\u0000", c.categories()))
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
