package dev.sparksweep.data;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

/**
 * One source as Spark reads it, before any row is looked at.
 *
 * @param key the config key that named the source, for messages
 * @param columns the source's columns, without the internal ones
 * @param named whether the columns have names (CSV with a header, Parquet, LibSVM)
 * @param rows the columns, then the corrupt-record column (CSV), then each row's file
 */
public record Table(String key, String source, List<String> columns, List<DataType> types, boolean named,
                    org.apache.spark.sql.Dataset<Row> rows, int corruptIndex, int fileIndex) {

    public Table {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
    }

    /** How messages name column {@code i}: its name in quotes, or "column i" when the source has no header. */
    public String display(int i) {
        return named ? "\"" + columns.get(i) + "\"" : "column " + i;
    }

    /** "csv:/abs/path: " and so on, the start of every message about this source. */
    public String where() {
        return key + ": " + source + ": ";
    }
}
