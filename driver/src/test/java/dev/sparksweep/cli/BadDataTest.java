package dev.sparksweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparksweep.common.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad input file gets its own one-line message and exit code 2 from {@code sweep run --force}, before any
 * training, and the earlier run in the output directory keeps every byte.
 */
@Tag("spark")
class BadDataTest {
    @TempDir
    static Path dir;
    static Path earlier;
    static Map<String, String> before;

    @BeforeAll
    static void anEarlierRun() throws Exception {
        earlier = dir.resolve("runs").resolve("earlier");
        Files.createDirectories(earlier.resolve("best"));
        Files.writeString(earlier.resolve(".sparksweep-run"), "{\"format\": 1}\n");
        Files.writeString(earlier.resolve("trials.jsonl"), "{\"id\":\"c0000000001\",\"status\":\"COMPLETE\"}\n");
        Files.writeString(earlier.resolve("leaderboard.md"), "# earlier\n");
        Files.write(earlier.resolve("best").resolve("model.zip"), new byte[] {1, 2, 3});
        before = snapshot(earlier);
    }

    static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Sha256.hex(p));
            }
        }
        return m;
    }

    static List<String> rows(String... extra) {
        List<String> lines = new ArrayList<>(List.of("a,b,label"));
        for (int i = 0; i < 12; i++) {
            lines.add(i + "," + (i * 2) + "," + (i % 2 == 0 ? "x" : "y"));
        }
        lines.addAll(List.of(extra));
        return lines;
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("ragged", rows("3,4"), "row 13: has a different number of fields from the header (3), "
                        + "but got \"3,4\""),
                Arguments.of("nan", rows("1,NaN,x"), "row 13, column \"b\": is NaN or infinite (set data.missing: "
                        + "drop to leave such rows out), but got \"NaN\""),
                Arguments.of("infinite", rows("1,-Infinity,x"), "row 13, column \"b\": is NaN or infinite (set "
                        + "data.missing: drop to leave such rows out), but got \"-Infinity\""),
                Arguments.of("empty-cell", rows("1,,x"), "row 13, column \"b\": is empty (set data.missing: drop to "
                        + "leave such rows out)"),
                Arguments.of("missing-label", rows("1,2,"), "row 13, column \"label\": has no label (set "
                        + "data.missing: drop to leave such rows out)"),
                Arguments.of("header-only", List.of("a,b,label"), "has no data rows"),
                Arguments.of("empty-file", List.of(), "has no data rows (the file is empty)"),
                Arguments.of("no-such-file", null, "no such file or directory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void aBadFileIsRefusedBeforeAnyWork(String name, List<String> lines, String expected) throws Exception {
        Path data = dir.resolve(name + ".csv");
        if (lines != null) {
            Files.write(data, lines);
        }
        assertRefused(name, "source: 'csv:" + data + "'", "data.source: csv:" + data + ": " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTables")
    void aBadTableIsRefusedBeforeAnyWork(String name, List<String> lines, String expected) throws Exception {
        Path data = dir.resolve(name + ".csv");
        Files.write(data, lines);
        assertRefused(name, "source: 'csv:" + data + "'", expected.replace("FILE", "csv:" + data));
    }

    static Stream<Arguments> badTables() {
        List<String> oneClass = new ArrayList<>(List.of("a,b,label"));
        List<String> tinyClass = new ArrayList<>(List.of("a,b,label"));
        for (int i = 0; i < 12; i++) {
            oneClass.add(i + ",1,x");
            tinyClass.add(i + ",1," + (i < 2 ? "rare" : "common"));
        }
        return Stream.of(
                Arguments.of("single-class", oneClass, "data.label: needs at least 2 classes, but FILE column "
                        + "\"label\" has 1 (\"x\")"),
                Arguments.of("tiny-class", tinyClass, "data.label: class \"rare\" of FILE has 2 rows, but the "
                        + "stratified split train 0.6 / validation 0.2 / test 0.2 needs at least 4 rows per class (add "
                        + "rows, or set data.split.stratify: false)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCategorical")
    void aBadCategoricalSettingIsRefusedBeforeAnyWork(String name, List<String> lines, String keys, String expected)
            throws Exception {
        refusedOn(name, lines, keys, expected);
    }

    /** Writes the rows to NAME.csv and checks that a run on it with {@code keys} under data: is refused. */
    static void refusedOn(String name, List<String> lines, String keys, String expected) throws Exception {
        Path data = dir.resolve(name + ".csv");
        Files.write(data, lines);
        assertRefused(name, "source: 'csv:" + data + "'\n  " + keys, expected.replace("FILE", "csv:" + data));
    }

    static Stream<Arguments> badCategorical() {
        List<String> manyCities = new ArrayList<>(List.of("a,city,label"));
        for (int i = 0; i < 12; i++) {
            manyCities.add(i + ",town" + i + "," + (i % 2 == 0 ? "x" : "y"));
        }
        List<String> noLabels = new ArrayList<>(List.of("a,colour,label"));
        for (int i = 0; i < 5; i++) {
            noLabels.add(i + ",red,");
        }
        return Stream.of(
                Arguments.of("no-labels", noLabels, "missing: impute",
                        "data.source: FILE: has no rows left after leaving out 5 without a label"),
                Arguments.of("non-numeric", rows("abc,4,x"), "categorical: none",
                        "data.source: FILE: row 13, column \"a\": is not a number, but got \"abc\""),
                Arguments.of("too-many-categories", manyCities, "max_categories: 10",
                        "data.max_categories: a categorical column may have at most 10 distinct values, but column "
                                + "\"city\" of FILE has more (for example \"town0\"); leave it out with "
                                + "data.features, or raise data.max_categories"),
                Arguments.of("no-such-column", rows(), "categorical: [colour]",
                        "data.categorical: must name columns of FILE (a name or a 0-based index 0..2; columns: a, b, "
                                + "label), but got \"colour\""),
                Arguments.of("the-default-label", rows(), "categorical: [a, label]",
                        "data.categorical: must not include the label column, but got \"label\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRegression")
    void aBadRegressionTargetIsRefusedBeforeAnyWork(String name, List<String> lines, String keys, String expected)
            throws Exception {
        refusedOn(name, lines, "task: regression" + keys, expected);
    }

    static Stream<Arguments> badRegression() {
        List<String> numbers = new ArrayList<>(List.of("a,b,price"));
        List<String> constant = new ArrayList<>(List.of("a,b,price"));
        for (int i = 0; i < 12; i++) {
            numbers.add(i + "," + (i * 2) + "," + (i * 1.5));
            constant.add(i + "," + (i * 2) + ",5");
        }
        List<String> word = new ArrayList<>(numbers);
        word.add(8, "7,14,cheap");
        List<String> infinite = new ArrayList<>(numbers);
        infinite.add(3, "2,4,Infinity");
        return Stream.of(
                Arguments.of("word-target", word, "",
                        "data.source: FILE: row 8, column \"price\": is not a number (data.task: regression needs a "
                                + "numeric label), but got \"cheap\""),
                Arguments.of("infinite-target", infinite, "",
                        "data.source: FILE: row 3, column \"price\": is a label that is NaN or infinite (set "
                                + "data.missing: drop to leave such rows out), but got \"Infinity\""),
                Arguments.of("constant-target", constant, "",
                        "data.label: a regression target must vary across the training split, but FILE has the "
                                + "value 5.0 in all 7 training rows"));
    }

    @org.junit.jupiter.api.Test
    void aTestSourceWithOtherColumnsIsRefused() throws Exception {
        Path train = dir.resolve("train.csv");
        Files.write(train, rows());
        Path test = dir.resolve("test-other-columns.csv");
        Files.write(test, List.of("a,c,label", "1,2,x"));
        assertRefused("mismatch", "source: 'csv:" + train + "'\n  test: 'csv:" + test + "'",
                "data.test: csv:" + test + ": must have the same columns as data.source (a string, b string, "
                        + "label string), but has (a string, c string, label string)");
    }

    static void assertRefused(String name, String dataKeys, String expected) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, "name: bad\ndata:\n  " + dataKeys + "\nspace: {hidden_layers: 1, width: 8, "
                + "epochs: 2}\noutput: {dir: '" + earlier + "'}\n");
        Cli.Result r = Cli.sweep("run", config.toString(), "--force", "--master", "local[1]");
        assertEquals(2, r.code(), r.err());
        assertEquals("sweep: " + expected + "\n", r.err());
        assertEquals("", r.out());
        assertEquals(before, snapshot(earlier));
    }
}
