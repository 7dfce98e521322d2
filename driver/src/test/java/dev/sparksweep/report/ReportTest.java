package dev.sparksweep.report;

import dev.sparksweep.results.RunDirectory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparksweep.cli.Cli;
import dev.sparksweep.common.Json;
import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.Monitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports of a small real run (local[2], real training), read back and compared with the journal. */
@Tag("spark")
class ReportTest {
    static final String CONFIG = """
            name: report-test
            data:
              source: builtin:digits
              split: {train: 0.6, validation: 0.2, test: 0.2, stratify: true, seed: 42}
              scale: max
            search: {strategy: grid, objective: val_accuracy, seed: 42}
            space:
              hidden_layers: 1
              width: [16, 32]
              batch_size: 32
              epochs: 6
              learning_rate: 0.01
              dropout: [0.0, 0.3]
              early_stopping: {monitor: val_loss, patience: 2}
            """;

    @TempDir
    static Path dir;
    static Path run;
    static List<TrialRecord> journal;
    static String runOut;

    @BeforeAll
    static void runOnce() throws Exception {
        Path config = dir.resolve("report.yaml");
        Files.writeString(config, CONFIG);
        run = dir.resolve("run");
        Cli.Result r = Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", run.toString());
        assertEquals(0, r.code(), r.err());
        runOut = r.out();
        journal = new RunDirectory(run).trials();
        assertEquals(4, journal.size());
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String kv(Document d, String table, String key) {
        Element row = d.selectFirst("#" + table + " tr[data-key=" + key + "]");
        assertNotNull(row, table + " has no row " + key);
        return row.selectFirst("td").text();
    }

    @Test
    void theReportHasEverySectionWithTheJournalsNumbers() throws Exception {
        Document d = Jsoup.parse(run.resolve("report.html").toFile());
        for (String s : List.of("summary", "leaderboard", "curves", "effects", "test", "failed", "provenance")) {
            assertNotNull(d.getElementById(s), "section " + s);
        }
        assertEquals("4", kv(d, "summary-table", "complete"));
        assertEquals("0", kv(d, "summary-table", "failed"));
        assertEquals("0", kv(d, "summary-table", "pruned"));
        assertTrue(kv(d, "summary-table", "budget used").startsWith("4 trials, "
                + journal.stream().mapToInt(TrialRecord::epochsTrained).sum() + " epochs, "));

        Leaderboard board = Leaderboard.of(journal, Monitor.VAL_ACCURACY);
        Elements rows = d.select("#leaderboard-table tbody tr");
        assertEquals(4, rows.size());
        for (int i = 0; i < 4; i++) {
            TrialRecord t = board.ranked().get(i);
            Element row = rows.get(i);
            assertEquals(t.id(), row.attr("data-id"));
            assertEquals(f4(t.valAccuracy()), row.selectFirst("td.val_accuracy").text());
            assertEquals(f4(t.valLoss()), row.selectFirst("td.val_loss").text());
            assertEquals(t.executor(), row.select("td").get(row.select("td").size() - 3).text());
        }
        assertEquals(board.winner().id(), kv(d, "summary-table", "winner").split(",")[0]);

        assertEquals(2, d.select("#curves svg").size());
        assertTrue(d.select("#curves-loss path, #curves-loss polyline").size() >= 8,
                "loss curves drawn: " + d.select("#curves-loss path").size());
        assertEquals(4, d.select("#curves li").size());
        assertTrue(d.getElementById("train-values").text().startsWith("Train values are running means over each "
                + "epoch's mini-batches"), d.getElementById("train-values").text());
        assertEquals(List.of("dropout", "width"), d.select("#effects-table tbody tr").eachAttr("data-key").stream()
                .sorted().toList());
        assertNotNull(d.getElementById("effect-width"));
        assertNotNull(d.getElementById("effect-dropout"));

        JsonNode test = Json.MAPPER.readTree(run.resolve("best/test-metrics.json").toFile());
        assertEquals(f4(test.get("accuracy").asDouble()), d.getElementById("test-accuracy").text());
        assertEquals(f4(test.get("macro_f1").asDouble()), d.getElementById("test-macro-f1").text());
        assertEquals(10, d.select("#per-class-table tbody tr").size());
        assertNotNull(d.getElementById("confusion"));
        assertEquals("None.", d.selectFirst("#failed p").text());

        JsonNode provenance = Json.MAPPER.readTree(run.resolve("run.json").toFile());
        for (String k : List.of("spark_version", "dl4j_version", "nd4j_backend", "java_version", "master",
                "config_sha256", "data_sha256", "search_seed", "split_seed", "parallelism")) {
            assertEquals(provenance.get(k).asText(), kv(d, "provenance-table", k), k);
        }
        assertEquals("3.5.9", kv(d, "provenance-table", "spark_version"));
        assertTrue(kv(d, "provenance-table", "executors").matches("driver: 4 trials on .+"),
                kv(d, "provenance-table", "executors"));
    }

    @Test
    void leaderboardMarkdownCarriesTheSummary() throws Exception {
        String md = Files.readString(run.resolve("leaderboard.md"));
        JsonNode test = Json.MAPPER.readTree(run.resolve("best/test-metrics.json").toFile());
        assertTrue(md.startsWith("# Leaderboard: report-test\n\n## Summary\n"), md);
        assertTrue(md.contains("| complete | 4 |"), md);
        assertTrue(md.contains("| winner test | accuracy " + f4(test.get("accuracy").asDouble()) + ", macro F1 "
                + f4(test.get("macro_f1").asDouble()) + " on 360 rows |"), md);
        assertTrue(md.contains("\n## Parameter effects\n"), md);
        assertTrue(md.contains("\n## Provenance\n"), md);
        assertTrue(md.contains("| spark_version | 3.5.9 |"), md);
        assertEquals(4, md.lines().filter(l -> l.matches("\\| [1-4] +\\| c[0-9a-f]{10} .*")).count(), md);
    }

    @Test
    void sweepReportWritesTheSameReportsFromTheJournal() throws Exception {
        Path copy = dir.resolve("copy");
        copyRun(run, copy);
        for (String f : Reports.FILES) {
            Files.delete(copy.resolve(f));
        }
        Cli.Result r = Cli.sweep("report", copy.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote leaderboard.csv, leaderboard.md, report.html in " + copy + "\n", r.out());
        for (String f : Reports.FILES) {
            assertArrayEquals(Files.readAllBytes(run.resolve(f)), Files.readAllBytes(copy.resolve(f)), f);
        }
    }

    @Test
    void aStoppedRunGetsItsReportFromTheJournalAloneWithFailedReasons() throws Exception {
        Path stopped = dir.resolve("stopped");
        Files.createDirectories(stopped);
        Files.copy(run.resolve("config-resolved.json"), stopped.resolve("config-resolved.json"));
        List<String> lines = Files.readAllLines(run.resolve(RunDirectory.JOURNAL));
        ObjectNode failed = (ObjectNode) Json.MAPPER.readTree(lines.get(0));
        failed.put("id", "cfa11ed0000").put("status", "FAILED")
                .put("reason", "loss is NaN or infinite after epoch 2 (diverged)");
        Files.write(stopped.resolve(RunDirectory.JOURNAL), List.of(lines.get(0), lines.get(1),
                Json.MAPPER.writeValueAsString(failed)));

        Cli.Result r = Cli.sweep("report", stopped.toString());
        assertEquals(0, r.code(), r.err());
        Document d = Jsoup.parse(stopped.resolve("report.html").toFile());
        assertEquals("2", kv(d, "summary-table", "complete"));
        assertEquals("1", kv(d, "summary-table", "failed"));
        assertEquals("stopped before the end (report made from the journal)", kv(d, "summary-table", "state"));
        assertEquals("loss is NaN or infinite after epoch 2 (diverged)",
                d.selectFirst("#failed-table tr[data-id=cfa11ed0000] td.reason").text());
        Elements rows = d.select("#leaderboard-table tbody tr");
        assertEquals("cfa11ed0000", rows.get(2).attr("data-id"));
        assertEquals("failed", rows.get(2).attr("class"));
        assertTrue(d.selectFirst("#test p").text().startsWith("Not evaluated"));
        assertTrue(Files.readString(stopped.resolve("leaderboard.md")).contains(
                "| cfa11ed0000 | loss is NaN or infinite after epoch 2 (diverged) |"));
    }

    @Test
    void reportOnADirectoryWithoutAJournalIsRefused() {
        Cli.Result r = Cli.sweep("report", dir.toString());
        assertEquals(2, r.code());
        assertEquals("sweep: " + dir + ": is not a run directory (it has no trials.jsonl)\n", r.err());
    }

    @Test
    void theReportLoadsInHeadlessChromiumWithoutErrorsAndItsChartsHaveSize() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.open(run.resolve("report.html"));
            JsonNode sizes = HeadlessChromium.JSON.readTree(chromium.eval("JSON.stringify(Array.from("
                    + "document.querySelectorAll('svg')).map(function (s) { var r = s.getBoundingClientRect(); "
                    + "return {id: s.id, w: r.width, h: r.height}; }))").asText());
            // history, parallel coordinates, two effects, two learning curves, the timeline and the confusion matrix
            assertEquals(8, sizes.size(), sizes.toString());
            for (JsonNode s : sizes) {
                assertTrue(s.get("w").asDouble() > 100 && s.get("h").asDouble() > 100, s.toString());
            }
            // the leaderboard sorts: rank descending after two clicks on its header
            JsonNode first = chromium.eval("var th = document.querySelector('#leaderboard-table th'); th.click(); "
                    + "th.click(); document.querySelector('#leaderboard-table tbody td').textContent");
            assertEquals("4", first.asText());
            assertEquals(List.of(), chromium.errors);
        }
    }

    static void copyRun(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
