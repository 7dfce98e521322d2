package dev.sparksweep.data;

import dev.sparksweep.data.RowProblem.Kind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Turns the rows of a source into floats and a label, on the executors. Checks each row in the order of
 * {@link Kind} and reports the first problem; under {@code missing: drop} the droppable problems drop the row.
 *
 * @param features the feature columns in order
 * @param label the label column, or null when the source has none (predict input)
 * @param corruptIndex the column Spark's CSV reader fills for a ragged row, or -1
 * @param fileIndex the column holding the row's file
 * @param labelRequired whether a row without a label is a problem (false for predict input)
 * @param knownLabels labels a row may carry (validation and test sources), or null for any
 * @param impute whether a missing or non-finite feature is kept (NaN, or {@link #MISSING_CODE} for a category)
 *     for {@link Encoding} to fill, instead of being a problem
 * @param numericLabel whether the label is a number to predict (data.task: regression) rather than a class
 */
public record RowParser(List<Column> features, Column label, int corruptIndex, int fileIndex, boolean dropMissing,
                        boolean labelRequired, Set<String> knownLabels, boolean impute, boolean numericLabel)
        implements Serializable {
    /** The float a categorical cell becomes when it is empty (under impute). */
    public static final float MISSING_CODE = -1f;
    /** The float a categorical cell becomes when its value is not in the column's categories. */
    public static final float UNSEEN_CODE = -2f;

    /**
     * One column of the source: where it is in the row, how to read it, and how messages name it.
     *
     * @param categories the sorted categories of a CATEGORY column (a cell becomes its index), else null
     */
    public record Column(int index, Type type, String display, int width, List<String> categories)
            implements Serializable {
        public Column(int index, Type type, String display, int width) {
            this(index, type, display, width, null);
        }
    }

    /** How a column's cells are read. */
    public enum Type { TEXT, NUMBER, VECTOR, CATEGORY }

    public RowParser {
        features = List.copyOf(features);
    }

    public RowParser(List<Column> features, Column label, int corruptIndex, int fileIndex, boolean dropMissing,
                     boolean labelRequired, Set<String> knownLabels, boolean impute) {
        this(features, label, corruptIndex, fileIndex, dropMissing, labelRequired, knownLabels, impute, false);
    }

    /** This parser for a regression's label: any finite number, no class list. */
    public RowParser numeric() {
        return new RowParser(features, label, corruptIndex, fileIndex, dropMissing, labelRequired, null, impute, true);
    }

    public int numFeatures() {
        return features.stream().mapToInt(Column::width).sum();
    }

    /** Fills {@code out} with the row's features; returns its first problem, or null. */
    RowProblem parse(Row row, float[] out, String file) {
        if (corruptIndex >= 0 && !row.isNullAt(corruptIndex)) {
            return new RowProblem(Kind.RAGGED, file, 0, null, row.getString(corruptIndex));
        }
        int k = 0;
        RowProblem droppable = null;
        for (Column c : features) {
            switch (c.type()) {
                case VECTOR -> {
                    if (row.isNullAt(c.index()) && impute) {
                        java.util.Arrays.fill(out, k, k + c.width(), Float.NaN);
                        k += c.width();
                        continue;
                    }
                    if (row.isNullAt(c.index())) {
                        droppable = first(droppable, new RowProblem(Kind.MISSING, file, 0, c.display(), ""));
                        k += c.width();
                        continue;
                    }
                    Vector v = (Vector) row.get(c.index());
                    if (v.size() != c.width()) {
                        return new RowProblem(Kind.WRONG_WIDTH, file, 0, c.display(),
                                "length " + v.size() + ", expected " + c.width());
                    }
                    for (int i = 0; i < v.size(); i++) {
                        double d = v.apply(i);
                        if (!Double.isFinite(d) && impute) {
                            d = Double.NaN;
                        } else if (!Double.isFinite(d)) {
                            droppable = first(droppable, new RowProblem(Kind.NOT_FINITE, file, 0,
                                    c.display() + "[" + i + "]", String.valueOf(d)));
                        }
                        out[k++] = (float) d;
                    }
                }
                case NUMBER -> {
                    if (row.isNullAt(c.index()) && impute) {
                        out[k++] = Float.NaN;
                        continue;
                    }
                    if (row.isNullAt(c.index())) {
                        droppable = first(droppable, new RowProblem(Kind.MISSING, file, 0, c.display(), ""));
                        k++;
                        continue;
                    }
                    double d = ((Number) row.get(c.index())).doubleValue();
                    if (!Double.isFinite(d) && impute) {
                        d = Double.NaN;
                    } else if (!Double.isFinite(d)) {
                        droppable = first(droppable, new RowProblem(Kind.NOT_FINITE, file, 0, c.display(),
                                String.valueOf(d)));
                    }
                    out[k++] = (float) d;
                }
                case TEXT -> {
                    String s = row.isNullAt(c.index()) ? "" : row.getString(c.index()).trim();
                    if (s.isEmpty() && impute) {
                        out[k++] = Float.NaN;
                        continue;
                    }
                    if (s.isEmpty()) {
                        droppable = first(droppable, new RowProblem(Kind.MISSING, file, 0, c.display(), ""));
                        k++;
                        continue;
                    }
                    double d;
                    try {
                        d = Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        return new RowProblem(Kind.NOT_A_NUMBER, file, 0, c.display(), s);
                    }
                    if (!Double.isFinite(d) && impute) {
                        d = Double.NaN;
                    } else if (!Double.isFinite(d)) {
                        droppable = first(droppable, new RowProblem(Kind.NOT_FINITE, file, 0, c.display(), s));
                    }
                    out[k++] = (float) d;
                }
                case CATEGORY -> {
                    String s = row.isNullAt(c.index()) ? null : text(row.get(c.index()));
                    if (s == null && impute) {
                        out[k++] = MISSING_CODE;
                        continue;
                    }
                    if (s == null) {
                        droppable = first(droppable, new RowProblem(Kind.MISSING, file, 0, c.display(), ""));
                        k++;
                        continue;
                    }
                    int i = java.util.Collections.binarySearch(c.categories(), s);
                    out[k++] = i >= 0 ? i : UNSEEN_CODE;
                }
            }
        }
        if (droppable != null) {
            return droppable;
        }
        if (label != null) {
            String y = label(row);
            if (y == null && labelRequired) {
                return new RowProblem(Kind.MISSING_LABEL, file, 0, label.display(), "");
            }
            if (y != null && numericLabel) {
                if (!isNumber(y)) {
                    return new RowProblem(Kind.LABEL_NOT_A_NUMBER, file, 0, label.display(), y);
                }
                if (!Double.isFinite(Double.parseDouble(y))) {
                    return new RowProblem(Kind.LABEL_NOT_FINITE, file, 0, label.display(), y);
                }
            }
            if (y != null && knownLabels != null && !knownLabels.contains(y)) {
                return new RowProblem(Kind.UNKNOWN_LABEL, file, 0, label.display(), y);
            }
        }
        return null;
    }

    private static RowProblem first(RowProblem a, RowProblem b) {
        return a != null ? a : b;
    }

    /** The label as text (see {@link #text}); null if empty. */
    String label(Row row) {
        if (label == null || row.isNullAt(label.index())) {
            return null;
        }
        return text(row.get(label.index()));
    }

    /** A cell as text: trimmed, and integral numbers without a fraction ("3", not "3.0"); null if empty. */
    static String text(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return v.toString(); // exact: large IDs must not round into one category
        }
        if (v instanceof java.math.BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
        }
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }

    /** Whether Java reads {@code s} as a double, as the row check does. */
    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether the row is left out rather than the data refused. */
    boolean drops(RowProblem p) {
        return (dropMissing && p.kind().droppable())
                || (impute && (p.kind() == Kind.MISSING_LABEL || p.kind() == Kind.LABEL_NOT_FINITE));
    }

    /** The first pass: counts, label counts and the first problem of one partition. */
    PartitionScan scan(int partition, Iterator<Row> rows) {
        LinkedHashMap<String, Long> perFile = new LinkedHashMap<>();
        TreeMap<String, Long> labels = new TreeMap<>();
        float[] buf = new float[numFeatures()];
        long kept = 0;
        long dropped = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            String file = row.getString(fileIndex);
            long offset = perFile.getOrDefault(file, 0L);
            perFile.put(file, offset + 1);
            RowProblem p = parse(row, buf, file);
            if (p != null && !drops(p)) {
                RowProblem at = new RowProblem(p.kind(), file, offset, p.column(), p.value());
                return new PartitionScan(partition, perFile, at, kept, dropped, labels);
            }
            if (p != null) {
                dropped++;
                continue;
            }
            kept++;
            String y = label(row);
            if (y != null && !numericLabel) { // a regression's values are not counted: they are not classes
                labels.merge(y, 1L, Long::sum);
            }
        }
        return new PartitionScan(partition, perFile, null, kept, dropped, labels);
    }

    /** The second pass: the kept rows of one partition, packed. */
    Chunk pack(int partition, Iterator<Row> rows) {
        int f = numFeatures();
        float[] buf = new float[f];
        float[] x = new float[1024 * f];
        List<String> labels = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            if (parse(row, buf, null) != null) {
                continue; // only droppable problems remain after the scan
            }
            int n = labels.size();
            if ((n + 1) * f > x.length) {
                x = java.util.Arrays.copyOf(x, Math.max(x.length * 2, (n + 1) * f));
            }
            System.arraycopy(buf, 0, x, n * f, f);
            labels.add(label(row));
        }
        return new Chunk(partition, java.util.Arrays.copyOf(x, labels.size() * f), labels.toArray(new String[0]));
    }
}
