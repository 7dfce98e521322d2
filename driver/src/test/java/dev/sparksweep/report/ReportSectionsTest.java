package dev.sparksweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.cli.Cli;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.SegmentLine;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's decision sections (optimisation history, parallel coordinates, rungs, executor timeline, the
 * collapsed leaderboard, the live rewrite) on a real halving run and a real tpe run, their numbers checked
 * against the journal and the segment log, and the pages checked in headless Chromium.
 */
@Tag("spark")
class ReportSectionsTest {
    static final String SPACE = """
            space:
              hidden_layers: 1
              width: [16, 32]
              batch_size: [32, 128]
              epochs: 9
              learning_rate: {log_uniform: [1.0e-3, 3.0e-2]}
              dropout: {uniform: [0.0, 0.3]}
              early_stopping: {monitor: val_loss, patience: 20}
            """;
    static final String DATA = """
            data:
              source: builtin:digits
              split: {train: 0.6, validation: 0.2, test: 0.2, stratify: true, seed: 42}
              scale: max
            """;

    @TempDir
    static Path dir;
    static Path halving;
    static Path tpe;

    @BeforeAll
    static void runBoth() throws Exception {
        halving = dir.resolve("halving");
        tpe = dir.resolve("tpe");
        run("name: sections-halving\n" + DATA + "search: {strategy: halving, objective: val_accuracy, max_trials: 24, "
                + "min_epochs: 1, eta: 3, seed: 7}\n" + SPACE, halving);
        run("name: sections-tpe\n" + DATA + "search: {strategy: tpe, objective: val_loss, max_trials: 12, "
                + "startup_trials: 5, seed: 7}\n" + SPACE.replace("epochs: 9", "epochs: 3"), tpe);
    }

    static void run(String yaml, Path out) throws Exception {
        Path config = dir.resolve(out.getFileName() + ".yaml");
        Files.writeString(config, yaml);
        Cli.Result r = Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
    }

    static Document report(Path run) throws Exception {
        return Jsoup.parse(run.resolve("report.html").toFile());
    }

    static String f4(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The history table against the journal: finish order, status, value and a best-so-far worked out here. */
    static void historyMatchesTheJournal(Path run, Monitor objective) throws Exception {
        List<TrialRecord> journal = new RunDirectory(run).trials();
        List<Element> rows = report(run).select("#history-table tbody tr");
        assertEquals(journal.size(), rows.size());
        double best = Double.NaN;
        for (int i = 0; i < journal.size(); i++) {
            TrialRecord t = journal.get(i);
            Element row = rows.get(i);
            assertEquals(t.id(), row.attr("data-id"));
            assertEquals(String.valueOf(i + 1), row.child(0).text());
            assertEquals(t.status().name().toLowerCase(Locale.ROOT), row.child(2).text());
            double v = t.status() == TrialStatus.FAILED ? Double.NaN : t.value(objective);
            if (t.status() == TrialStatus.COMPLETE && (Double.isNaN(best)
                    || (objective.maximise() ? v > best : v < best))) {
                best = v;
            }
            assertEquals(f4(v), row.selectFirst("td.value").text(), t.id());
            assertEquals(f4(best), row.selectFirst("td.best").text(), t.id());
        }
    }

    @Test
    void theHistoryIsTheJournalInFinishOrderWithItsBestSoFar() throws Exception {
        historyMatchesTheJournal(halving, Monitor.VAL_ACCURACY);
        historyMatchesTheJournal(tpe, Monitor.VAL_LOSS);
        Document d = report(tpe);
        List<TrialRecord> journal = new RunDirectory(tpe).trials();
        for (TrialRecord t : journal) {
            assertEquals(t.proposedBy(), d.selectFirst("#history-table tr[data-id=" + t.id() + "]").child(3).text());
        }
        // at least startup_trials random ones: with two in flight, the model waits for 5 to have finished
        long startup = journal.stream().filter(t -> "startup".equals(t.proposedBy())).count();
        long model = journal.stream().filter(t -> "model".equals(t.proposedBy())).count();
        assertTrue(startup >= 5 && startup + model == 12, startup + " + " + model);
        assertTrue(d.getElementById("history-note").text().endsWith("Startup (random) proposals: " + startup
                + "; the model's: " + model + "."), d.getElementById("history-note").text());
        assertNotNull(d.getElementById("history-chart"));
        String last = Facts.of(RunSummary.load(new RunDirectory(tpe))).summary().get("last improvement");
        assertTrue(last.matches("trial \\d+ of 12 in finish order \\(\\d+ since\\)"), last);
    }

    @Test
    void theRungsAreThoseTheSegmentLogPromotedAndTheJournalPruned() throws Exception {
        List<TrialRecord> journal = new RunDirectory(halving).trials();
        List<SegmentLine> segments = new RunDirectory(halving).segments();
        Document d = report(halving);
        List<String> epochs = d.select("#rungs-table tbody tr").eachAttr("data-key");
        assertEquals(List.of("1", "3"), epochs.subList(0, 2), epochs.toString());
        for (String e : epochs) {
            int epoch = Integer.parseInt(e);
            Set<String> promoted = segments.stream().filter(s -> "start".equals(s.event())
                    && "promoted".equals(s.decision()) && s.from() == epoch).map(SegmentLine::trial)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> pruned = journal.stream().filter(t -> t.status() == TrialStatus.PRUNED
                    && t.epochsTrained() == epoch).map(TrialRecord::id).collect(Collectors.toCollection(TreeSet::new));
            long reached = journal.stream().filter(t -> t.rungs().contains(epoch)).count();
            assertEquals(promoted, new TreeSet<>(d.select("#rung-" + e + " tr[data-fate=promoted]").eachAttr("data-id")),
                    "promoted at " + e);
            assertEquals(pruned, new TreeSet<>(d.select("#rung-" + e + " tr[data-fate=pruned]").eachAttr("data-id")),
                    "pruned at " + e);
            Element row = d.selectFirst("#rungs-table tr[data-key=" + e + "]");
            assertEquals(String.valueOf(reached), row.child(1).text());
            assertEquals(String.valueOf(promoted.size()), row.child(2).text());
            assertEquals(String.valueOf(pruned.size()), row.child(3).text());
        }
        // every trial reaches the first rung; asynchronous halving promotes from the top third of those in so far
        assertEquals("24", d.selectFirst("#rungs-table tr[data-key=1]").child(1).text());
        int first = Integer.parseInt(d.selectFirst("#rungs-table tr[data-key=1]").child(2).text());
        assertTrue(first >= 1 && first < 24 / 2, "promoted at the first rung: " + first);
        assertTrue(d.getElementById("rungs-note").text().startsWith("Halving judged 24 trials at rungs 1, 3"),
                d.getElementById("rungs-note").text());
        assertNotNull(d.getElementById("rungs-chart"));
        // no rungs outside halving
        assertNull(report(tpe).getElementById("rungs"));
    }

    @Test
    void theTimelineHasOneBarPerSegmentAndItsShares() throws Exception {
        for (Path run : List.of(halving, tpe)) {
            long ends = new RunDirectory(run).segments().stream().filter(s -> "end".equals(s.event())).count();
            Document d = report(run);
            String numbers = d.getElementById("timeline-numbers").text();
            assertTrue(numbers.matches("utilisation \\d+\\.\\d % \\(the executors' own time in segments\\), "
                    + "scheduling and transfer \\d+\\.\\d %, idle \\d+\\.\\d %, of 2 slots × \\d+\\.\\d s; " + ends
                    + " segments\\."), numbers);
            Timeline t = Timeline.of(new RunDirectory(run).segments(), 2);
            assertEquals(ends, t.bars().size());
            assertEquals(1.0, t.utilisation() + t.schedulingShare() + t.idleShare(), 1e-9);
            assertTrue(t.utilisation() > 0.05, numbers);
            // local[2]: the driver's executor, two segments side by side
            assertEquals(List.of("driver · 1", "driver · 2"), t.lanes());
        }
        long halvingSegments = new RunDirectory(halving).segments().stream().filter(s -> "end".equals(s.event()))
                .count();
        long promotions = new RunDirectory(halving).segments().stream().filter(s -> "promoted".equals(s.decision()))
                .count();
        assertEquals(24 + promotions, halvingSegments);
    }

    @Test
    void parallelCoordinatesDrawEveryCompletedTrialAcrossTheVaryingKeys() throws Exception {
        for (Path run : List.of(halving, tpe)) {
            RunSummary s = RunSummary.load(new RunDirectory(run));
            Document d = report(run);
            assertEquals(s.count(TrialStatus.COMPLETE), d.select("#parallel-chart polyline.trial").size());
            List<String> axes = d.select("#parallel-chart text.axis-name").eachText();
            List<String> expected = new ArrayList<>();
            for (String k : s.leaderboard().varyingKeys()) {
                expected.add(k.equals("learning_rate") ? "learning_rate (log)" : k);
            }
            expected.add(s.objective().key() + (s.objective().maximise() ? "" : " (best at top)"));
            assertEquals(expected, axes);
        }
    }

    @Test
    void importanceIsFanovaOverEveryVaryingKeyWithWhatItRestsOn() throws Exception {
        for (Path run : List.of(halving, tpe)) {
            RunSummary s = RunSummary.load(new RunDirectory(run));
            Document d = report(run);
            List<String> keys = d.select("#importance-table tbody tr").eachAttr("data-key");
            assertEquals(new TreeSet<>(s.leaderboard().varyingKeys()), new TreeSet<>(keys));
            double sum = 0;
            double previous = 1;
            for (Element row : d.select("#importance-table tbody tr")) {
                double share = Double.parseDouble(row.selectFirst("td.share").text());
                assertTrue(share >= 0 && share <= previous, row.text());
                previous = share;
                sum += share;
            }
            assertTrue(sum > 0.2 && sum <= 1.0001, "first-order sum " + sum);
            assertNotNull(d.getElementById("importance-chart"));
        }
        assertTrue(report(halving).getElementById("importance-note").text().contains("fitted to each trial's "
                + "val_accuracy at the first rung (epoch 1), the budget every trial trained to (24 trials)"));
        assertTrue(report(tpe).getElementById("importance-note").text().contains("fitted to the val_loss of 12 "
                + "completed trials"));
    }

    @Test
    void theLeaderboardShowsTheTop20AndTheFinalReportIsNotLive() throws Exception {
        Document d = report(halving);
        assertEquals(24, d.select("#leaderboard-table tbody tr").size());
        assertEquals(4, d.select("#leaderboard-table tbody tr.more").size());
        assertEquals("Show all 24 trials", d.getElementById("show-all").text());
        assertTrue(d.getElementById("leaderboard-table").hasClass("collapsed"));
        assertNull(report(tpe).getElementById("show-all"));
        for (Path run : List.of(halving, tpe)) {
            Document r = report(run);
            assertNull(r.getElementById("live"));
            assertTrue(r.select("meta[http-equiv=refresh]").isEmpty());
            assertEquals("finished", r.selectFirst("#summary-table tr[data-key=state] td").text());
        }
    }

    @Test
    void aLiveReportSaysRunningAndReloadsAndTheFinalOneDoesNot() throws Exception {
        Path copy = dir.resolve("live");
        ReportTest.copyRun(tpe, copy);
        RunDirectory run = new RunDirectory(copy);
        LiveReport live = new LiveReport(run, () -> 30, 0);
        live.finished(12);
        live.close();
        assertEquals(1, live.writes());
        assertNull(live.failure());
        Document d = report(copy);
        assertEquals("10", d.selectFirst("meta[http-equiv=refresh]").attr("content"));
        assertEquals("running, 12 of 30 trials: this page is rewritten as trials finish and reloads itself every "
                + "10 s.", d.getElementById("live").text());
        assertEquals("running, 12 of 30 trials", d.selectFirst("#summary-table tr[data-key=state] td").text());
        Reports.write(run);
        assertNull(report(copy).getElementById("live"));
        assertEquals(Files.readString(tpe.resolve("report.html")), Files.readString(copy.resolve("report.html")));

        // the rewrites keep their distance: within the interval, a second call writes nothing
        LiveReport spaced = new LiveReport(run, () -> 30);
        spaced.finished(1);
        spaced.finished(2);
        spaced.close();
        assertEquals(1, spaced.writes());
        assertTrue(spaced.cpuSeconds() > 0);

        // nor once every planned trial is in: the final reports come next
        LiveReport last = new LiveReport(run, () -> 30, 0);
        last.finished(30);
        last.close();
        assertEquals(0, last.writes());
    }

    @Test
    void everySectionLoadsInHeadlessChromiumAtItsSizeWithoutSidewaysScrolling() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1300, "height", 1000,
                    "deviceScaleFactor", 1, "mobile", false));
            for (Path run : List.of(halving, tpe)) {
                chromium.open(run.resolve("report.html"));
                JsonNode sizes = HeadlessChromium.JSON.readTree(chromium.eval("JSON.stringify(Array.from("
                        + "document.querySelectorAll('svg')).map(function (s) { var r = s.getBoundingClientRect(); "
                        + "return {id: s.id, w: r.width, h: r.height}; }))").asText());
                Set<String> ids = new TreeSet<>();
                for (JsonNode s : sizes) {
                    ids.add(s.get("id").asText());
                    assertTrue(s.get("w").asDouble() > 100 && s.get("h").asDouble() > 100, s.toString());
                }
                List<String> expected = new ArrayList<>(List.of("history-chart", "parallel-chart", "importance-chart",
                        "timeline-chart",
                        "curves-loss", "curves-accuracy", "confusion"));
                if (run == halving) {
                    expected.add("rungs-chart");
                }
                assertTrue(ids.containsAll(expected), ids.toString());
                JsonNode widths = chromium.eval("var b = document.querySelector('#leaderboard .scroll'); "
                        + "[document.documentElement.scrollWidth, b.scrollWidth, b.clientWidth]");
                assertTrue(widths.get(0).asInt() <= 1300, run + ": page " + widths);
                assertTrue(widths.get(1).asInt() <= widths.get(2).asInt(), run + ": leaderboard " + widths);
                assertEquals(List.of(), chromium.errors);
            }
            // halving's leaderboard: 20 rows visible, all 24 after "show all"
            chromium.open(halving.resolve("report.html"));
            String visible = "Array.from(document.querySelectorAll('#leaderboard-table tbody tr'))"
                    + ".filter(function (r) { return r.offsetParent !== null; }).length";
            assertEquals(20, chromium.eval(visible).asInt());
            chromium.eval("document.getElementById('show-all').click()");
            assertEquals(24, chromium.eval(visible).asInt());
            assertEquals("Show the top 20", chromium.eval("document.getElementById('show-all').textContent").asText());
            assertEquals(List.of(), chromium.errors);
        }
    }

    @Test
    void sectionsOfARunWithoutASegmentLogSayWhy() throws Exception {
        Path copy = dir.resolve("no-segments");
        ReportTest.copyRun(tpe, copy);
        Files.delete(copy.resolve(RunDirectory.SEGMENTS));
        Cli.Result r = Cli.sweep("report", copy.toString());
        assertEquals(0, r.code(), r.err());
        Document d = report(copy);
        assertEquals("The run directory has no segment log, so there is no timeline.",
                d.selectFirst("#timeline p").text());
        assertFalse(d.select("#history-table tbody tr").isEmpty());
    }
}
