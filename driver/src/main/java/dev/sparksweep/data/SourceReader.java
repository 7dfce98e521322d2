package dev.sparksweep.data;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.DataConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Opens a {@code csv:}, {@code libsvm:} or {@code parquet:} source with Spark's DataFrameReader, so that local,
 * {@code hdfs://} and {@code s3a://} paths all work. Reads nothing but the schema; rows are read later, on the
 * executors.
 */
public final class SourceReader {
    static final String CORRUPT = "__sparksweep_corrupt";
    static final String FILE = "__sparksweep_file";

    private SourceReader() {
    }

    /**
     * @param numFeatures for LibSVM: the feature count, or null to let Spark take the largest index
     */
    public static Table read(SparkSession spark, String key, String source, DataConfig.CsvOptions csv,
                             Integer numFeatures) {
        String kind = DataConfig.kind(source);
        String path = DataConfig.location(source);
        boolean local = isLocal(spark, path);
        if (local && !path.startsWith("file:")) {
            path = absolute(path);
        }
        Table probe = new Table(key, kind + ":" + path, List.of(), List.of(), true, null, -1, -1);
        if (local) {
            checkLocal(probe, path);
        }
        try {
            return switch (kind) {
                case "csv" -> csv(spark, probe, path, csv);
                case "parquet" -> typed(probe, spark.read().parquet(path));
                case "libsvm" -> {
                    LibSvmLines.check(spark, probe, path);
                    DataFrameReader r = spark.read().format("libsvm");
                    if (numFeatures != null) {
                        r = r.option("numFeatures", numFeatures);
                    }
                    yield typed(probe, r.load(path));
                }
                default -> throw new IllegalArgumentException("not a Spark source: " + source);
            };
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (!(e instanceof AnalysisException)) {
                throw TableLoader.unreadable(probe, e);
            }
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("PATH_NOT_FOUND") || m.contains("Path does not exist")) {
                throw new BadInputException(probe.where() + "no such file or directory");
            }
            if (m.contains("UNABLE_TO_INFER_SCHEMA")) {
                throw new BadInputException(probe.where() + "has no data rows");
            }
            throw new BadInputException(probe.where() + "cannot be read: " + m.lines().findFirst().orElse(m));
        }
    }

    /** file: paths, and paths without a scheme when the default file system is the local one. */
    private static boolean isLocal(SparkSession spark, String path) {
        if (path.startsWith("file:")) {
            return true;
        }
        if (path.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return false;
        }
        String fs = spark.sparkContext().hadoopConfiguration().get("fs.defaultFS", "file:///");
        return fs.startsWith("file:");
    }

    /** Checked here, so that the message is plain. */
    private static void checkLocal(Table probe, String path) {
        Path p = Path.of(path.startsWith("file:") ? java.net.URI.create(path).getPath() : path);
        if (!Files.exists(p)) {
            throw new BadInputException(probe.where() + "no such file or directory");
        }
        if (!Files.isReadable(p)) {
            throw new BadInputException(probe.where() + "cannot be read (permission denied)");
        }
        try {
            if (Files.isRegularFile(p) && Files.size(p) == 0) {
                throw new BadInputException(probe.where() + "has no data rows (the file is empty)");
            }
        } catch (java.io.IOException e) {
            throw new BadInputException(probe.where() + "cannot be read: " + e.getMessage());
        }
    }

    static String absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    private static Table csv(SparkSession spark, Table probe, String path, DataConfig.CsvOptions csv)
            throws AnalysisException {
        if (csv.header()) {
            CsvHeaders.check(probe, path, spark.sparkContext().hadoopConfiguration());
        }
        // The first read learns the columns from the header (or the first row); the second reads every cell as
        // text and flags rows with a different number of fields.
        String[] names = spark.read().option("header", csv.header()).option("delimiter", csv.delimiter())
                .csv(path).columns();
        if (names.length == 0) {
            throw new BadInputException(probe.where() + "has no data rows");
        }
        StructType schema = new StructType();
        for (String n : names) {
            schema = schema.add(n, DataTypes.StringType);
        }
        schema = schema.add(CORRUPT, DataTypes.StringType);
        org.apache.spark.sql.Dataset<Row> rows = spark.read().schema(schema)
                .option("header", csv.header()).option("delimiter", csv.delimiter())
                .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
                .csv(path).withColumn(FILE, functions.input_file_name());
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            types.add(DataTypes.StringType);
        }
        return new Table(probe.key(), probe.source(), List.of(names), types, csv.header(), rows, names.length,
                names.length + 1);
    }

    private static Table typed(Table probe, org.apache.spark.sql.Dataset<Row> df) {
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            names.add(f.name());
            types.add(f.dataType());
        }
        if (names.isEmpty()) {
            throw new BadInputException(probe.where() + "has no columns");
        }
        return new Table(probe.key(), probe.source(), names, types, true,
                df.withColumn(FILE, functions.input_file_name()), -1, names.size());
    }
}
