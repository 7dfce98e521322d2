package dev.sparksweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.DataConfig;
import dev.sparksweep.config.DataConfig.CsvOptions;
import dev.sparksweep.config.DataConfig.Missing;
import dev.sparksweep.config.DataConfig.Scaling;
import dev.sparksweep.config.DataConfig.SplitConfig;
import dev.sparksweep.spark.SparkContexts;
import dev.sparksweep.worker.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every source kind through Spark's readers (local[2], Kryo with registration required), on generated files. */
@Tag("spark")
class SparkSourcesTest {
    static final SplitConfig SPLIT = new SplitConfig(0.6, 0.2, 0.2, true, 42);
    static JavaSparkContext sc;
    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        sc = SparkContexts.create("SparkSourcesTest", "local[2]", null);
        spark = SparkContexts.session(sc);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    static DataConfig cfg(String source, String label, CsvOptions csv, Integer numFeatures, List<String> features,
                          Missing missing, String validation, String test, SplitConfig split, long maxSizeMb) {
        return new DataConfig(source, label, split, Scaling.NONE, csv, numFeatures, features, missing, validation,
                test, maxSizeMb);
    }

    static DataConfig csv(Path file, String label) {
        return cfg("csv:" + file, label, CsvOptions.DEFAULT, null, List.of(), Missing.ERROR, null, null, SPLIT, 1024);
    }

    /** 30 rows: label first, a string cycling c, a, b; features (i, 2i, i mod 3). */
    static Path labelFirst(String name) throws Exception {
        List<String> lines = new ArrayList<>(List.of("kind,x,y,z"));
        String[] kinds = {"c", "a", "b"};
        for (int i = 0; i < 30; i++) {
            lines.add(kinds[i % 3] + "," + i + "," + (2 * i) + "," + (i % 3));
        }
        Path f = dir.resolve(name);
        Files.write(f, lines);
        return f;
    }

    static String message(DataConfig cfg) {
        return assertThrows(BadInputException.class, () -> DatasetLoader.load(cfg, spark)).getMessage();
    }

    @Test
    void aCsvWhoseLabelIsTheFirstColumnAndAString() throws Exception {
        Path f = labelFirst("first.csv");
        Dataset d = DatasetLoader.load(csv(f, "kind"), spark).main();
        assertEquals(List.of("a", "b", "c"), d.labelNames());
        assertEquals(List.of("x", "y", "z"), d.featureNames());
        assertEquals(30, d.rows());
        assertEquals(3, d.numFeatures());
        assertArrayEquals(new int[] {2, 0, 1, 2}, java.util.Arrays.copyOf(d.y(), 4));
        assertArrayEquals(new float[] {1, 2, 1}, java.util.Arrays.copyOfRange(d.x(), 3, 6));
        // by index too, and the same rows give the same hash
        assertEquals(d.sha256(), DatasetLoader.load(csv(f, "0"), spark).main().sha256());
    }

    @Test
    void aCsvWithoutHeaderNumericLabelsInNumericOrderAndAnotherDelimiter() throws Exception {
        Path f = dir.resolve("noheader.csv");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add((i % 2 == 0 ? "10" : "2") + ";" + i + ";" + (i * 0.5));
        }
        Files.write(f, lines);
        DataConfig c = cfg("csv:" + f, "0", new CsvOptions(false, ";"), null, List.of(), Missing.ERROR, null, null,
                SPLIT, 1024);
        Dataset d = DatasetLoader.load(c, spark).main();
        assertEquals(List.of("2", "10"), d.labelNames());
        assertEquals(List.of("column 1", "column 2"), d.featureNames());
        assertEquals(20, d.rows());
        assertArrayEquals(new int[] {1, 0, 1}, java.util.Arrays.copyOf(d.y(), 3));
        assertArrayEquals(new float[] {1f, 0.5f}, java.util.Arrays.copyOfRange(d.x(), 2, 4));
    }

    @Test
    void libsvmWithAndWithoutNumFeatures() throws Exception {
        Path f = dir.resolve("data.libsvm");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add((i % 2) + " 1:" + i + " 3:" + (i % 4));
        }
        Files.write(f, lines);
        DataConfig c = cfg("libsvm:" + f, null, CsvOptions.DEFAULT, null, List.of(), Missing.ERROR, null, null,
                SPLIT, 1024);
        Dataset d = DatasetLoader.load(c, spark).main();
        assertEquals(List.of("0", "1"), d.labelNames());
        assertEquals(3, d.numFeatures());
        assertArrayEquals(new float[] {1, 0, 1}, java.util.Arrays.copyOfRange(d.x(), 3, 6));
        DataConfig five = cfg("libsvm:" + f, null, CsvOptions.DEFAULT, 5, List.of(), Missing.ERROR, null, null,
                SPLIT, 1024);
        assertEquals(5, DatasetLoader.load(five, spark).main().numFeatures());

        Path bad = dir.resolve("bad.libsvm");
        Files.write(bad, List.of("# a comment", "1 1:0.5 2:1", "", "0 2:1 1:3"));
        DataConfig broken = cfg("libsvm:" + bad, null, CsvOptions.DEFAULT, null, List.of(), Missing.ERROR, null,
                null, SPLIT, 1024);
        assertEquals("data.source: libsvm:" + bad + ": row 4: is not a LibSVM line (label index:value ...): item 2 "
                + "has index 1; indices are 1-based and strictly ascending: \"0 2:1 1:3\"", message(broken));
    }

    @Test
    void parquetWithFeatureColumnsOrOneVectorColumn() throws Exception {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.IntegerType)
                .add("species", DataTypes.StringType).add("vec", SQLDataTypes.VectorType());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            rows.add(RowFactory.create(i * 0.5, i, i % 3 == 0 ? "setosa" : "virginica",
                    Vectors.dense(i, -i, 1.0, 2.0)));
        }
        Path p = dir.resolve("table.parquet");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(p.toString());
        DataConfig cols = cfg("parquet:" + p, "species", CsvOptions.DEFAULT, null, List.of("a", "b"),
                Missing.ERROR, null, null, SPLIT, 1024);
        Dataset d = DatasetLoader.load(cols, spark).main();
        assertEquals(List.of("setosa", "virginica"), d.labelNames());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new float[] {0.5f, 1f}, java.util.Arrays.copyOfRange(d.x(), 2, 4));
        DataConfig vec = cfg("parquet:" + p, "species", CsvOptions.DEFAULT, null, List.of("vec"), Missing.ERROR,
                null, null, SPLIT, 1024);
        Dataset v = DatasetLoader.load(vec, spark).main();
        assertEquals(4, v.numFeatures());
        assertEquals(List.of("vec[0]", "vec[1]", "vec[2]", "vec[3]"), v.featureNames());
        assertArrayEquals(new float[] {1, -1, 1, 2}, java.util.Arrays.copyOfRange(v.x(), 4, 8));
    }

    @Test
    void validationAndTestSourcesReplaceTheirSplitFractions() throws Exception {
        Path train = labelFirst("train.csv");
        Path val = dir.resolve("val.csv");
        Files.write(val, List.of("kind,x,y,z", "a,1,2,3", "b,4,5,6", "c,7,8,9"));
        Path test = dir.resolve("test.csv");
        Files.write(test, List.of("kind,x,y,z", "b,1,1,1", "b,2,2,2"));
        SplitConfig trainOnly = new SplitConfig(1.0, 0, 0, true, 42);
        DataConfig c = cfg("csv:" + train, "kind", CsvOptions.DEFAULT, null, List.of(), Missing.ERROR,
                "csv:" + val, "csv:" + test, trainOnly, 1024);
        PreparedData p = PreparedData.prepare(c, spark);
        assertEquals(30, p.training().trainRows());
        assertEquals(3, p.training().valRows());
        assertArrayEquals(new int[] {0, 1, 2}, p.training().valY());
        assertArrayEquals(new int[] {1, 1}, p.testY());
        assertArrayEquals(new float[] {2, 2, 2}, java.util.Arrays.copyOfRange(p.testX(), 3, 6));

        Path other = dir.resolve("other.csv");
        Files.write(other, List.of("kind,x,w,z", "a,1,2,3"));
        DataConfig mismatch = cfg("csv:" + train, "kind", CsvOptions.DEFAULT, null, List.of(), Missing.ERROR,
                null, "csv:" + other, new SplitConfig(0.75, 0.25, 0, true, 42), 1024);
        assertEquals("data.test: csv:" + other + ": must have the same columns as data.source (kind string, x string, "
                + "y string, z string), but has (kind string, x string, w string, z string)", message(mismatch));

        Path unknown = dir.resolve("unknown.csv");
        Files.write(unknown, List.of("kind,x,y,z", "a,1,2,3", "q,1,2,3"));
        DataConfig unseen = cfg("csv:" + train, "kind", CsvOptions.DEFAULT, null, List.of(), Missing.ERROR,
                "csv:" + unknown, null, new SplitConfig(0.75, 0, 0.25, true, 42), 1024);
        assertEquals("data.validation: csv:" + unknown + ": row 2, column \"kind\": is a label that does not occur "
                + "in data.source, but got \"q\"", message(unseen));
    }

    @Test
    void missingDropLeavesOutRowsWithEmptyOrNonFiniteCells() throws Exception {
        Path f = dir.resolve("holes.csv");
        List<String> lines = new ArrayList<>(List.of("x,y,label"));
        for (int i = 0; i < 20; i++) {
            lines.add(i + "," + (i == 3 ? "" : i == 5 ? "Infinity" : String.valueOf(i)) + "," + (i == 7 ? "" : i % 2));
        }
        Files.write(f, lines);
        DataConfig drop = cfg("csv:" + f, null, CsvOptions.DEFAULT, null, List.of(), Missing.DROP, null, null,
                SPLIT, 1024);
        Dataset d = DatasetLoader.load(drop, spark).main();
        assertEquals(17, d.rows());
        assertEquals(3, d.dropped());
        assertEquals("data.source: csv:" + f + ": row 4, column \"y\": is empty (set data.missing: drop to leave "
                + "such rows out)", message(csv(f, null)));
    }

    @Test
    void theSizeGuardSaysHowLargeAndWhatTheLimitIs() throws Exception {
        Path f = dir.resolve("wide.csv");
        List<String> lines = new ArrayList<>();
        String row = String.join(",", java.util.Collections.nCopies(64, "1.5"));
        for (int i = 0; i < 5000; i++) {
            lines.add(row + "," + (i % 2));
        }
        Files.write(f, lines);
        DataConfig c = cfg("csv:" + f, null, new CsvOptions(false, ","), null, List.of(), Missing.ERROR, null, null,
                SPLIT, 1);
        assertEquals("data.max_size_mb: the data must fit in 1 MiB as float32 to be collected and broadcast, but csv:"
                + f + " has 5000 rows x 64 features = 1.2 MiB (raise data.max_size_mb; every executor needs that "
                + "much memory as well)", message(c));
    }

    @Test
    void badColumnsAreNamed() throws Exception {
        Path f = labelFirst("cols.csv");
        assertEquals("data.label: must name a column of csv:" + f + " (a name or a 0-based index 0..3; columns: kind, "
                + "x, y, z), but got \"species\"", message(csv(f, "species")));
        DataConfig features = cfg("csv:" + f, "kind", CsvOptions.DEFAULT, null, List.of("x", "w"), Missing.ERROR,
                null, null, SPLIT, 1024);
        assertEquals("data.features: must name columns of csv:" + f + " (a name or a 0-based index 0..3; columns: "
                + "kind, x, y, z), but got \"w\"", message(features));
        StructType schema = new StructType().add("a", DataTypes.StringType).add("label", DataTypes.IntegerType);
        Path p = dir.resolve("strings.parquet");
        spark.createDataFrame(List.of(RowFactory.create("1", 0), RowFactory.create("2", 1)), schema).coalesce(1)
                .write().parquet(p.toString());
        DataConfig strings = new DataConfig("parquet:" + p, null, SPLIT, Scaling.NONE, CsvOptions.DEFAULT, null,
                List.of(), Missing.ERROR, null, null, 1024, DataConfig.Categorical.NONE, 100);
        assertEquals("data.source: parquet:" + p + ": column \"a\": a feature column must be numeric or a vector, "
                + "but has type string (set data.categorical: auto, or list it there, to one-hot encode it)",
                message(strings));
        // under the default, categorical: auto, the same column is one-hot encoded on its categories
        Dataset auto = DatasetLoader.load(cfg("parquet:" + p, null, CsvOptions.DEFAULT, null, List.of(),
                Missing.ERROR, null, null, SPLIT, 1024), spark).main();
        assertEquals(List.of(new Dataset.CategoricalFeature(0, 0, "a", List.of("1", "2"))), auto.categorical());
        assertEquals(List.of(0f, 1f), List.of(auto.x()[0], auto.x()[1]));
    }

    static DataConfig regression(String source, String label, Missing missing) {
        return new DataConfig(source, label, SPLIT, Scaling.NONE, CsvOptions.DEFAULT, null, List.of(), missing, null,
                null, 1024, DataConfig.Categorical.AUTO, 100, DataConfig.ClassWeights.NONE, DataConfig.Task.REGRESSION);
    }

    @Test
    void regressionTargetsFromParquetWithStringsAndNullsAndFromLibsvm() throws Exception {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("city", DataTypes.StringType)
                .add("price", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < 60; i++) {
            double price = 10.5 + 3 * i;
            sum += price;
            rows.add(RowFactory.create(i == 4 ? null : i * 1.0, i == 7 ? null : i % 3 == 0 ? "oslo" : "bergen", price));
        }
        Path p = dir.resolve("prices.parquet");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(p.toString());
        PreparedData pq = PreparedData.prepare(regression("parquet:" + p, "price", Missing.IMPUTE), spark);
        assertEquals(true, pq.regression());
        // a, then city one-hot on bergen, oslo and its own missing category
        assertEquals(4, pq.training().numFeatures());
        double[] all = new double[60];
        int k = 0;
        for (double t : pq.testTarget()) {
            all[k++] = t;
        }
        TrainingData.Target target = pq.training().target();
        for (float z : target.train()) {
            all[k++] = z * target.scale() + target.mean();
        }
        for (float z : target.val()) {
            all[k++] = z * target.scale() + target.mean();
        }
        assertEquals(60, k);
        assertEquals(sum, java.util.Arrays.stream(all).sum(), 1e-2);
        assertEquals("data.source: parquet:" + p + ": row 5, column \"a\": is empty (set data.missing: drop to "
                + "leave such rows out)", message(regression("parquet:" + p, "price", Missing.ERROR)));

        Path f = dir.resolve("prices.libsvm");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add((0.25 * i - 3) + " 1:" + i + " 2:" + (i % 5));
        }
        Files.write(f, lines);
        PreparedData svm = PreparedData.prepare(regression("libsvm:" + f, null, Missing.ERROR), spark);
        assertEquals(2, svm.training().numFeatures());
        for (double t : svm.testTarget()) {
            assertEquals(0, (t + 3) / 0.25 % 1, 1e-9, "a target as written: " + t);
        }
        assertEquals(8, svm.testTarget().length);
    }
}
