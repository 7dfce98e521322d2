package dev.sparksweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.common.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Spark reports at start-up and while it reads user data, as SparkSweep's own one line and exit code 2: a
 * malformed or unreachable master, a port Spark cannot bind, a corrupt Parquet file, CSV files with other headers,
 * a candidate too big for the memory a task has. Nothing else reaches stderr, and nothing is written.
 */
@Tag("spark")
class SparkFaultsTest {
    static final String FORMS = "(local, local[N], local[*], spark://HOST:PORT, yarn, k8s://...)";

    @TempDir
    Path dir;
    Path out;
    Path notes;
    String notesSha;

    @BeforeEach
    void anOutputParentWithAUserFile() throws Exception {
        out = dir.resolve("out");
        Files.createDirectories(out);
        notes = out.resolve("notes.txt");
        Files.writeString(notes, "my notes, not a run\n");
        notesSha = Sha256.hex(notes);
    }

    Path config(String extra) throws Exception {
        Path c = dir.resolve("c.yaml");
        Files.writeString(c, "name: faults\ndata: {source: 'builtin:digits'}\nspace: {hidden_layers: 1, width: 8, "
                + "epochs: 1}\n" + extra);
        return c;
    }

    Path config(String data, String extra) throws Exception {
        Path c = dir.resolve("c.yaml");
        Files.writeString(c, "name: faults\ndata:\n  " + data + "\nspace: {hidden_layers: 1, width: 8, epochs: 1}\n"
                + extra);
        return c;
    }

    Cli.Result run(Path config, String... more) {
        List<String> args = new ArrayList<>(List.of("run", config.toString(), "--output",
                out.resolve("run").toString()));
        args.addAll(List.of(more));
        return sweep(args.toArray(String[]::new));
    }

    /** The command line, with what Spark's logging writes to System.err added to its stderr, as on a terminal. */
    static Cli.Result sweep(String... args) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            Cli.Result r = Cli.sweep(args);
            return new Cli.Result(r.code(), r.out(), logged.toString(StandardCharsets.UTF_8) + r.err());
        } finally {
            System.setErr(stderr);
        }
    }

    /** Exit 2, one line on stderr starting with {@code prefix} (the whole line when {@code exact}), nothing written. */
    void assertRefused(Cli.Result r, String line, boolean exact) throws Exception {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        if (exact) {
            assertEquals("sweep: " + line + "\n", r.err());
        } else {
            assertTrue(r.err().startsWith("sweep: " + line), r.err());
        }
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
        assertEquals(notesSha, Sha256.hex(notes));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(notes), s.toList(), "no run directory is created");
        }
    }

    @Test
    void aMalformedConfigMaster() throws Exception {
        assertRefused(run(config("execution: {master: 'spark//host:7077'}\n")),
                "execution.master: must be a Spark master URL " + FORMS + ", but got spark//host:7077", true);
    }

    @Test
    void aMalformedMasterOption() throws Exception {
        assertRefused(run(config(""), "--master", "spark//x"),
                "--master: must be a Spark master URL " + FORMS + ", but got spark//x", true);
    }

    @Test
    void aMasterNobodyListensOn() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        Cli.Result r = run(config(""), "--master", "spark://127.0.0.1:" + port);
        assertRefused(r, "--master: must be a Spark master that accepts connections within 5 s (127.0.0.1:" + port
                + ": Connection refused), but got spark://127.0.0.1:" + port, true);
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "refused within seconds, not Spark's minute of retries");
    }

    /** Slow (Spark's own minute of registration retries, not configurable): something listens, but not a master. */
    @Test
    void aMasterThatNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> {
                List<java.net.Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            String master = "spark://127.0.0.1:" + silent.getLocalPort();
            assertRefused(run(config(""), "--master", master), "--master: Spark must register with this master, "
                    + "but got " + master + " and Spark said: all masters are unresponsive", true);
        }
    }

    @Test
    void aMasterHostThatDoesNotResolve() throws Exception {
        assertRefused(run(config("execution: {master: 'spark://no-such-host.invalid:7077'}\n")),
                "execution.master: must be a Spark master that accepts connections within 5 s "
                        + "(no-such-host.invalid:7077: unknown host), but got spark://no-such-host.invalid:7077", true);
    }

    @Test
    void aDriverPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            System.setProperty("spark.driver.port", String.valueOf(taken.getLocalPort()));
            System.setProperty("spark.port.maxRetries", "0");
            Cli.Result r = run(config(""), "--master", "local[1]");
            assertRefused(r, "--master: Spark must start with this master, but got local[1] and Spark said: ", false);
            assertTrue(r.err().contains("sparkDriver"), r.err());
        } finally {
            System.clearProperty("spark.driver.port");
            System.clearProperty("spark.port.maxRetries");
        }
    }

    @Test
    void aCorruptParquetFile() throws Exception {
        Path p = dir.resolve("table.parquet");
        Files.write(p, "this is not parquet at all, just some text pretending to be a table\n".repeat(20).getBytes());
        Cli.Result r = run(config("source: 'parquet:" + p + "'\n  label: label", ""), "--master", "local[1]");
        assertRefused(r, "data.source: parquet:" + p + ": ", false);
    }

    @Test
    void verboseShowsWhatSparkLogged() throws Exception {
        Path p = dir.resolve("table.parquet");
        Files.write(p, "not parquet\n".repeat(20).getBytes());
        Cli.Result r = run(config("source: 'parquet:" + p + "'\n  label: label", ""), "--master", "local[1]",
                "--verbose");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(" ERROR Executor: Exception in task"), r.err());
        assertTrue(r.err().endsWith("\nsweep: data.source: parquet:" + p + ": cannot be read: file:" + p
                + " is not a Parquet file. Expected magic number at tail, but found [117, 101, 116, 10]\n"), r.err());
    }

    @Test
    void csvFilesWithDifferentHeaders() throws Exception {
        Path csv = parts("parts", "a,b,c,label");
        Cli.Result r = run(config("source: 'csv:" + csv + "'", ""), "--master", "local[1]");
        assertRefused(r, "data.source: csv:" + csv + ": file part-1.csv: must start with the header of part-0.csv "
                + "(\"a,b,label\"), but got \"a,b,c,label\"", true);
    }

    /** The same number of columns under other names: Spark would read them by the first file's names. */
    @Test
    void csvFilesWithRenamedColumns() throws Exception {
        Path csv = parts("renamed", "a,c,label");
        Cli.Result r = run(config("source: 'csv:" + csv + "'", ""), "--master", "local[1]");
        assertRefused(r, "data.source: csv:" + csv + ": file part-1.csv: must start with the header of part-0.csv "
                + "(\"a,b,label\"), but got \"a,c,label\"", true);
    }

    /** A directory of two CSV files: part-0.csv with header a,b,label and part-1.csv with {@code header}. */
    Path parts(String name, String header) throws Exception {
        Path csv = dir.resolve(name);
        Files.createDirectories(csv);
        int columns = header.split(",").length;
        List<String> a = new ArrayList<>(List.of("a,b,label"));
        List<String> b = new ArrayList<>(List.of(header));
        for (int i = 0; i < 12; i++) {
            a.add(i + "," + i + "," + (i % 2 == 0 ? "x" : "y"));
            b.add((i + ",").repeat(columns - 1) + (i % 2 == 0 ? "x" : "y"));
        }
        Files.write(csv.resolve("part-0.csv"), a);
        Files.write(csv.resolve("part-1.csv"), b);
        return csv;
    }

    @Test
    void aCandidateTooBigForMemory() throws Exception {
        Path c = config("");
        Files.writeString(c, Files.readString(c).replace("width: 8", "width: 2000000000"));
        String line = c + ": space.width: candidate 64-2000000000-10 needs ~2.2 TiB for parameters, gradients and "
                + "adam state, but this machine has ";
        Cli.Result r = run(c, "--master", "local[1]");
        assertRefused(r, line, false);
        assertTrue(r.err().endsWith(" (physical memory; local master); lower width or hidden_layers\n"), r.err());
        Cli.Result v = sweep("validate", c.toString(), "--master", "local[1]");
        assertRefused(v, line, false);
    }
}
