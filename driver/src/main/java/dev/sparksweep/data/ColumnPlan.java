package dev.sparksweep.data;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.data.RowParser.Column;
import dev.sparksweep.data.RowParser.Type;
import dev.sparksweep.config.DataConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/** Which columns of a table are the label and the features, and how each is read. */
public final class ColumnPlan {
    /** A label argument that names no column: the rows have no label (predict input). */
    public static final String NO_LABEL = "\u0000no label";

    private ColumnPlan() {
    }

    /**
     * @param label a column name or 0-based index; null for the source's default (CSV: the last column; Parquet
     *     and LibSVM: "label")
     * @param features names or indices; empty for every column but the label
     * @param labelRequired false for predict input, which may omit the label column
     */
    public static RowParser plan(Table t, String label, List<String> features, boolean labelRequired,
                                 boolean dropMissing, Set<String> knownLabels) {
        return plan(t, label, features, labelRequired, dropMissing, knownLabels, Map.of(), false);
    }

    /**
     * @param categories the sorted categories of each categorical feature column, by its position among the
     *     feature columns
     * @param impute whether missing features are kept for imputation
     */
    public static RowParser plan(Table t, String label, List<String> features, boolean labelRequired,
                                 boolean dropMissing, Set<String> knownLabels, Map<Integer, List<String>> categories,
                                 boolean impute) {
        int labelIndex = labelIndex(t, label, labelRequired);
        List<Integer> chosen = chosen(t, labelIndex, features);
        List<Column> cols = new ArrayList<>();
        for (int k = 0; k < chosen.size(); k++) {
            int i = chosen.get(k);
            cols.add(categories.containsKey(k) ? new Column(i, Type.CATEGORY, t.display(i), 1, categories.get(k))
                    : featureColumn(t, i));
        }
        Column labelColumn = labelIndex < 0 ? null : labelColumn(t, labelIndex);
        return new RowParser(cols, labelColumn, t.corruptIndex(), t.fileIndex(), dropMissing, labelRequired,
                knownLabels, impute);
    }

    /**
     * Which feature columns are categorical under {@code data.categorical}, and their categories (every distinct
     * value in this table), by position among the feature columns. Profiles the candidate columns in one pass.
     */
    public static Map<Integer, List<String>> categories(Table t, String label, List<String> features,
                                                        DataConfig.Categorical categorical, int maxCategories) {
        if (categorical.mode() == DataConfig.Categorical.Mode.NONE) {
            return Map.of();
        }
        int labelIndex = labelIndex(t, label, true);
        List<Integer> chosen = chosen(t, labelIndex, features);
        Map<Integer, Integer> candidates = new LinkedHashMap<>();
        Set<Integer> textOnly = new HashSet<>();
        if (categorical.mode() == DataConfig.Categorical.Mode.AUTO) {
            for (int k = 0; k < chosen.size(); k++) {
                DataType type = t.types().get(chosen.get(k));
                if (type.equals(DataTypes.StringType) || type.equals(DataTypes.BooleanType)) {
                    candidates.put(k, chosen.get(k));
                    if (t.corruptIndex() >= 0) {
                        textOnly.add(k); // a CSV column: text by type, categorical only if a cell is not a number
                    }
                }
            }
        } else {
            for (String c : categorical.columns()) {
                int i = find(t, c);
                if (i < 0) {
                    throw new BadInputException("data.categorical: must name columns of " + t.source() + " "
                            + known(t) + ", but got \"" + c + "\"");
                }
                if (i == labelIndex) {
                    throw new BadInputException("data.categorical: must not include the label column, but got "
                            + t.display(i));
                }
                int k = chosen.indexOf(i);
                if (k < 0) {
                    throw new BadInputException("data.categorical: must name feature columns (data.features), but "
                            + "got " + t.display(i));
                }
                DataType type = t.types().get(i);
                if (!type.equals(DataTypes.StringType) && !type.equals(DataTypes.BooleanType)
                        && !(type instanceof NumericType)) {
                    throw new BadInputException("data.categorical: a categorical column must hold strings, booleans "
                            + "or numbers, but " + t.display(i) + " of " + t.source() + " has type "
                            + type.simpleString());
                }
                candidates.put(k, i);
            }
        }
        return CategoryProfile.dictionaries(t, candidates, textOnly, maxCategories);
    }

    private static List<Integer> chosen(Table t, int labelIndex, List<String> features) {
        List<Integer> chosen = new ArrayList<>();
        if (features.isEmpty()) {
            for (int i = 0; i < t.columns().size(); i++) {
                if (i != labelIndex) {
                    chosen.add(i);
                }
            }
        } else {
            for (String f : features) {
                int i = find(t, f);
                if (i < 0) {
                    throw new BadInputException("data.features: must name columns of " + t.source() + " " + known(t)
                            + ", but got \"" + f + "\"");
                }
                if (i == labelIndex) {
                    throw new BadInputException("data.features: must not include the label column, but got "
                            + t.display(i));
                }
                chosen.add(i);
            }
        }
        if (chosen.isEmpty()) {
            throw new BadInputException(t.where() + "needs at least one feature column besides the label, but has "
                    + "only " + t.display(labelIndex));
        }
        return chosen;
    }

    /** The names of the features a parser reads, one per float. */
    public static List<String> featureNames(Table t, RowParser p) {
        List<String> names = new ArrayList<>();
        for (Column c : p.features()) {
            String base = t.named() ? t.columns().get(c.index()) : "column " + c.index();
            if (c.type() == Type.VECTOR) {
                for (int i = 0; i < c.width(); i++) {
                    names.add(base + "[" + i + "]");
                }
            } else {
                names.add(base);
            }
        }
        return names;
    }

    private static int labelIndex(Table t, String label, boolean required) {
        if (label == null) {
            boolean csv = t.source().startsWith("csv:");
            int i = csv ? t.columns().size() - 1 : t.columns().indexOf("label");
            if (i < 0 && required) {
                throw new BadInputException("data.label: is required for " + t.source() + ", which has no column "
                        + "named label " + known(t));
            }
            return i;
        }
        int i = find(t, label);
        if (i < 0 && required) {
            throw new BadInputException("data.label: must name a column of " + t.source() + " " + known(t)
                    + ", but got \"" + label + "\"");
        }
        return i;
    }

    /** By name first (a header may say "3"), then by 0-based index. */
    static int find(Table t, String column) {
        if (t.named() && t.columns().contains(column)) {
            return t.columns().indexOf(column);
        }
        if (column.matches("\\d{1,9}")) {
            int i = Integer.parseInt(column);
            return i < t.columns().size() ? i : -1;
        }
        return -1;
    }

    private static String known(Table t) {
        int n = t.columns().size();
        if (!t.named()) {
            return "(a 0-based index 0.." + (n - 1) + "; it has no header)";
        }
        List<String> shown = t.columns().size() <= 12 ? t.columns() : t.columns().subList(0, 12);
        return "(a name or a 0-based index 0.." + (n - 1) + "; columns: " + String.join(", ", shown)
                + (n > 12 ? ", ... " + (n - 12) + " more" : "") + ")";
    }

    private static Column featureColumn(Table t, int i) {
        DataType type = t.types().get(i);
        if (type.equals(DataTypes.StringType) && t.corruptIndex() >= 0) {
            return new Column(i, Type.TEXT, t.display(i), 1);
        }
        if (type instanceof NumericType) {
            return new Column(i, Type.NUMBER, t.display(i), 1);
        }
        if (type.equals(SQLDataTypes.VectorType())) {
            return new Column(i, Type.VECTOR, t.display(i), vectorWidth(t, i));
        }
        String hint = type.equals(DataTypes.StringType) || type.equals(DataTypes.BooleanType)
                ? " (set data.categorical: auto, or list it there, to one-hot encode it)" : "";
        throw new BadInputException(t.where() + "column " + t.display(i) + ": a feature column must be numeric or a "
                + "vector, but has type " + type.simpleString() + hint);
    }

    private static Column labelColumn(Table t, int i) {
        DataType type = t.types().get(i);
        if (type.equals(DataTypes.StringType)) {
            return new Column(i, Type.TEXT, t.display(i), 1);
        }
        if (type instanceof NumericType) {
            return new Column(i, Type.NUMBER, t.display(i), 1);
        }
        throw new BadInputException(t.where() + "column " + t.display(i) + ": the label column must hold strings or "
                + "numbers, but has type " + type.simpleString());
    }

    /** The length of the first non-null vector; every other row must match it. */
    private static int vectorWidth(Table t, int i) {
        String name = t.columns().get(i);
        List<Row> first = t.rows().select(name).where(org.apache.spark.sql.functions.col(name).isNotNull())
                .limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new BadInputException(t.where() + "column " + t.display(i) + ": holds no vectors");
        }
        return ((Vector) first.get(0).get(0)).size();
    }
}
