package dev.sparksweep.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A run directory on a real HDFS (a NameNode and a DataNode in this JVM), written by spark-submitted drivers in
 * other JVMs: data read from hdfs://, a halving search killed with -9 and resumed, the lock, report and predict
 * on hdfs://, and the one-object-per-line form of the logs used where a file system cannot append.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HdfsIT {
    static final Path WORK = Path.of("target", "hdfs-it").toAbsolutePath();
    static final Pattern ID = Pattern.compile("\"id\":\"(c[0-9a-f]{10})\"");
    MiniDFSCluster dfs;
    FileSystem fs;
    String uri;

    @BeforeAll
    void hdfsUp() throws Exception {
        ClusterIT.deleteTree(WORK);
        Files.createDirectories(WORK);
        Files.createDirectories(ClusterIT.WORK); // ClusterIT.run keeps its logs there
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, WORK.resolve("dfs").toString());
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();
        fs = dfs.getFileSystem();
        uri = "hdfs://localhost:" + dfs.getNameNodePort();
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(ClusterIT.ROOT.resolve(
                "worker/src/main/resources/dev/sparksweep/data/digits.csv.gz").toUri()),
                new org.apache.hadoop.fs.Path("/data/digits.csv.gz"));
        String data = "data: {source: 'csv:" + uri + "/data/digits.csv.gz', header: false, label: 64, scale: max,\n"
                + "       split: {train: 0.6, validation: 0.2, test: 0.2, stratify: true, seed: 42}}\n";
        Files.writeString(WORK.resolve("halving.yaml"), "name: hdfs-halving\n" + data + """
                search: {strategy: halving, max_trials: 12, min_epochs: 2, eta: 3, seed: 8, reproducible: true}
                space:
                  hidden_layers: [1, 2]
                  width: [32, 64, 128]
                  batch_size: 16
                  learning_rate: {log_uniform: [1.0e-4, 3.0e-2]}
                  epochs: 18
                  early_stopping: {monitor: val_loss, patience: 5}
                """);
        Files.writeString(WORK.resolve("grid.yaml"), "name: hdfs-grid\n" + data + """
                search: {strategy: grid, seed: 1}
                space: {width: [8, 16], epochs: 3}
                """);
    }

    @AfterAll
    void hdfsDown() {
        if (dfs != null) {
            dfs.shutdown();
        }
    }

    String text(String path) throws IOException {
        try (var in = fs.open(new org.apache.hadoop.fs.Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    boolean exists(String path) throws IOException {
        return fs.exists(new org.apache.hadoop.fs.Path(path));
    }

    List<String> lines(String path) throws IOException {
        return exists(path) ? text(path).lines().filter(l -> l.endsWith("}")).toList() : List.of();
    }

    /** The leaderboard without its seconds column, the only one that differs between equal runs. */
    List<String> board(String run) throws IOException {
        List<String> rows = text(run + "/leaderboard.csv").lines().toList();
        int seconds = Arrays.asList(rows.get(0).split(",")).indexOf("seconds");
        return rows.stream().map(l -> {
            List<String> cells = Arrays.asList(l.split(",", -1));
            return String.join(",", cells.subList(0, seconds)) + "," + String.join(",",
                    cells.subList(seconds + 1, cells.size()));
        }).toList();
    }

    /** scripts/submit in local mode; one DataNode holds one replica, so the client asks for no more. */
    static String[] submitting(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("scripts/submit", "--master", "local[2]",
                "--conf", "spark.hadoop.dfs.replication=1"));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    static ClusterIT.Run submit(String... args) throws Exception {
        return ClusterIT.run(300, submitting(args));
    }

    @Test
    void aHalvingSearchOnHdfsIsKilledResumedReportedAndPredictedFrom() throws Exception {
        String config = WORK.resolve("halving.yaml").toString();
        String whole = uri + "/runs/whole";
        ClusterIT.Run w = submit(config, "--output", whole, "--quiet");
        assertEquals(0, w.code(), w.out());
        assertEquals(12, lines(whole + "/trials.jsonl").size());

        String killed = uri + "/runs/killed";
        Path log = WORK.resolve("killed-driver.log");
        Process driver = ClusterIT.start(log, submitting(config, "--output", killed, "--quiet"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (driver.isAlive() && System.nanoTime() < deadline && !exists(killed + "/segments.jsonl")) {
            Thread.sleep(50);
        }
        // a second writer is refused while the first one holds the lock on HDFS
        ClusterIT.Run second = submit(config, "--output", killed, "--resume");
        assertEquals(2, second.code(), second.out());
        assertTrue(second.out().contains("sweep: " + killed + ": is in use by another SparkSweep run (pid "
                + driver.pid()), second.out());
        while (driver.isAlive() && System.nanoTime() < deadline && !(promotions(killed) >= 2
                && exists(killed + "/checkpoints"))) {
            Thread.sleep(50);
        }
        assertTrue(driver.isAlive(), "the run ended before it could be killed:\n" + Files.readString(log));
        driver.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        driver.destroyForcibly(); // SIGKILL: the logs stay open under the dead driver's HDFS lease
        driver.waitFor(30, TimeUnit.SECONDS);
        List<String> endsAtKill = lines(killed + "/segments.jsonl").stream()
                .filter(l -> l.contains("\"event\":\"end\"")).toList();
        List<String> journalAtKill = lines(killed + "/trials.jsonl");
        int journalledAtKill = journalAtKill.size();
        assertTrue(journalledAtKill < 12, "journalled at the kill: " + journalledAtKill);

        long resumedAt = System.nanoTime();
        ClusterIT.Run r = submit(config, "--output", killed, "--resume");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("note: " + killed + "/.sparksweep-lock: reclaimed a stale lock (pid "
                + driver.pid()), r.out());
        assertTrue(r.out().contains("rebuilt the search from segments.jsonl: "), r.out());
        System.out.printf("killed with %d trials journalled and %d segments ended; resumed in %.1f s: %s%n",
                journalledAtKill, endsAtKill.size(), (System.nanoTime() - resumedAt) / 1e9, r.out().lines()
                        .filter(l -> l.startsWith("rebuilt ")).findFirst().orElse(""));

        List<String> trials = lines(killed + "/trials.jsonl");
        assertEquals(12, trials.size());
        assertEquals(12, trials.stream().map(l -> match(ID, l)).distinct().count());
        Map<String, Integer> ends = new HashMap<>();
        for (String l : lines(killed + "/segments.jsonl")) {
            if (l.contains("\"event\":\"end\"")) {
                ends.merge(match(Pattern.compile("\"trial\":\"(c[0-9a-f]{10})\""), l) + " to "
                        + match(Pattern.compile("\"to\":(\\d+)"), l), 1, Integer::sum);
            }
        }
        // a trial's last segment trains again only when the kill fell after its end and before its journal line
        ends.forEach((segment, n) -> {
            String trial = segment.substring(0, segment.indexOf(' '));
            String to = segment.substring(segment.lastIndexOf(' ') + 1);
            boolean lastSegmentNotJournalled = journalAtKill.stream().noneMatch(l -> l.contains("\"" + trial + "\""))
                    && endsAtKill.stream().anyMatch(l -> l.contains("\"trial\":\"" + trial + "\"")
                            && l.contains("\"to\":" + to + ",") && !l.contains("\"paused\""));
            assertEquals(lastSegmentNotJournalled ? Math.min(n, 2) : 1, n, segment + " ended " + n + " times");
        });
        assertEquals(board(whole), board(killed));
        assertEquals(text(whole + "/best/test-metrics.json"), text(killed + "/best/test-metrics.json"));
        assertFalse(exists(killed + "/checkpoints"), "checkpoints/ left behind");

        fs.delete(new org.apache.hadoop.fs.Path(killed + "/report.html"), false);
        ClusterIT.Run report = submit("report", killed);
        assertEquals(0, report.code(), report.out());
        assertTrue(report.out().contains("wrote leaderboard.csv, leaderboard.md, report.html in " + killed),
                report.out());
        String winner = board(killed).get(1).split(",")[1];
        assertTrue(text(killed + "/report.html").contains(winner), "report.html names the winner " + winner);

        String predictions = uri + "/out/predictions.csv";
        ClusterIT.Run p = submit("predict", "--run", killed, "--input", uri + "/data/digits.csv.gz", "--output",
                predictions);
        assertEquals(0, p.code(), p.out());
        List<String> rows = text(predictions).lines().toList();
        assertEquals(1798, rows.size());
        assertTrue(rows.get(0).startsWith("row,prediction"), rows.get(0));
        Matcher acc = Pattern.compile("accuracy (0\\.\\d+)").matcher(p.out());
        assertTrue(acc.find(), p.out());
        assertTrue(Double.parseDouble(acc.group(1)) > 0.9, p.out());
    }

    @Test
    void whereAppendingIsOffEachLogLineIsAnObjectOfItsOwn() throws Exception {
        String run = uri + "/runs/objects";
        String off = "spark.hadoop.sparksweep.fs.append=false";
        ClusterIT.Run r = submit("--conf", off,
                WORK.resolve("grid.yaml").toString(), "--output", run, "--quiet");
        assertEquals(0, r.code(), r.out());
        assertFalse(exists(run + "/trials.jsonl"));
        FileStatus[] events = fs.listStatus(new org.apache.hadoop.fs.Path(run + "/trials.jsonl.d"));
        assertEquals(List.of("000000000000.json", "000000000001.json"),
                Arrays.stream(events).map(s -> s.getPath().getName()).sorted().toList());
        assertTrue(text(run + "/trials.jsonl.d/000000000000.json").matches("\\{.*\\}\n"));
        assertEquals(3, board(run).size(), "a header and two trials");
        ClusterIT.Run again = submit("--conf", off, "report",
                run);
        assertEquals(0, again.code(), again.out());
        ClusterIT.Run force = submit("--conf", off,
                WORK.resolve("grid.yaml").toString(), "--output", run, "--force", "--quiet");
        assertEquals(0, force.code(), force.out());
        assertEquals(2, fs.listStatus(new org.apache.hadoop.fs.Path(run + "/trials.jsonl.d")).length,
                "--force starts the log afresh");
    }

    long promotions(String run) throws IOException {
        return lines(run + "/segments.jsonl").stream().filter(l -> l.contains("\"decision\":\"promoted\""))
                .count();
    }

    static String match(Pattern p, String line) {
        Matcher m = p.matcher(line);
        return m.find() ? m.group(1) : null;
    }
}
