package dev.sparksweep.data;

import dev.sparksweep.common.BadInputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * One pass over the candidate categorical columns of a source, on the executors: per column its distinct
 * non-empty values (at most {@code cap + 1} are kept) and its first value that is not a number.
 */
public record CategoryProfile(List<TreeSet<String>> values, String[] nonNumeric) implements Serializable {

    static CategoryProfile scan(Iterator<Row> rows, int[] columns, int corruptIndex, int cap) {
        List<TreeSet<String>> values = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            values.add(new TreeSet<>());
        }
        String[] nonNumeric = new String[columns.length];
        while (rows.hasNext()) {
            Row row = rows.next();
            if (corruptIndex >= 0 && !row.isNullAt(corruptIndex)) {
                continue; // the row check refuses it later, with its row number
            }
            for (int i = 0; i < columns.length; i++) {
                if (row.isNullAt(columns[i])) {
                    continue;
                }
                String s = RowParser.text(row.get(columns[i]));
                if (s == null) {
                    continue;
                }
                if (values.get(i).size() <= cap) {
                    values.get(i).add(s);
                }
                if (nonNumeric[i] == null && !RowParser.isNumber(s)) {
                    nonNumeric[i] = s;
                }
            }
        }
        return new CategoryProfile(values, nonNumeric);
    }

    private CategoryProfile merge(CategoryProfile o, int cap) {
        for (int i = 0; i < values.size(); i++) {
            for (String v : o.values.get(i)) {
                if (values.get(i).size() > cap) {
                    break;
                }
                values.get(i).add(v);
            }
            if (nonNumeric[i] == null) {
                nonNumeric[i] = o.nonNumeric[i];
            }
        }
        return this;
    }

    /**
     * The categories of each categorical feature column, by its position among the parser's feature columns.
     *
     * @param candidates feature ordinal to table column index
     * @param textOnly ordinals that are categorical only if a cell is not a number (CSV columns under auto)
     */
    static Map<Integer, List<String>> dictionaries(Table t, Map<Integer, Integer> candidates,
                                                   java.util.Set<Integer> textOnly, int cap) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        if (candidates.isEmpty()) {
            return out;
        }
        List<Integer> ordinals = new ArrayList<>(candidates.keySet());
        int[] columns = ordinals.stream().mapToInt(candidates::get).toArray();
        int corrupt = t.corruptIndex();
        CategoryProfile p;
        try {
            p = t.rows().javaRDD()
                    .mapPartitions(rows -> List.of(scan(rows, columns, corrupt, cap)).iterator())
                    .collect().stream().reduce((a, b) -> a.merge(b, cap))
                    .orElseGet(() -> scan(java.util.Collections.emptyIterator(), columns, corrupt, cap));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw TableLoader.unreadable(t, e);
        }
        for (int i = 0; i < ordinals.size(); i++) {
            int ordinal = ordinals.get(i);
            if (textOnly.contains(ordinal) && p.nonNumeric[i] == null) {
                continue;
            }
            TreeSet<String> v = p.values.get(i);
            if (v.size() > cap) {
                String example = p.nonNumeric[i] != null ? p.nonNumeric[i] : v.first();
                throw new BadInputException("data.max_categories: a categorical column may have at most " + cap
                        + " distinct values, but column " + t.display(columns[i]) + " of " + t.source() + " has more "
                        + "(for example \"" + example + "\"); leave it out with data.features, or raise "
                        + "data.max_categories");
            }
            out.put(ordinal, List.copyOf(v));
        }
        return out;
    }
}
