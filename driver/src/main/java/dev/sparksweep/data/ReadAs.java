package dev.sparksweep.data;

import dev.sparksweep.config.DataConfig;
import java.util.List;

/**
 * How the main source was read, so that {@code sweep predict} reads new rows the same way.
 *
 * @param format csv, parquet or libsvm
 * @param labelColumn the label's column name, or its 0-based index for a CSV without header
 * @param featureColumns the feature columns in order, likewise
 */
public record ReadAs(String format, boolean header, String delimiter, String labelColumn,
                     List<String> featureColumns) {

    public ReadAs {
        featureColumns = List.copyOf(featureColumns);
    }

    /** The built-in digits read as the headerless CSV they are: 64 pixels, then the label. */
    static ReadAs digits() {
        List<String> cols = new java.util.ArrayList<>();
        for (int j = 0; j < DatasetLoader.DIGITS_FEATURES; j++) {
            cols.add(String.valueOf(j));
        }
        return new ReadAs("csv", false, ",", String.valueOf(DatasetLoader.DIGITS_FEATURES), cols);
    }

    static ReadAs of(Table t, RowParser p, DataConfig.CsvOptions csv) {
        String format = t.source().substring(0, t.source().indexOf(':'));
        return new ReadAs(format, format.equals("csv") && csv.header(), csv.delimiter(),
                p.label() == null ? null : id(t, p.label().index()),
                p.features().stream().map(c -> id(t, c.index())).toList());
    }

    private static String id(Table t, int i) {
        return t.named() ? t.columns().get(i) : String.valueOf(i);
    }

    public DataConfig.CsvOptions csv() {
        return new DataConfig.CsvOptions(header, delimiter);
    }
}
