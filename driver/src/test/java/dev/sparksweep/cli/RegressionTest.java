package dev.sparksweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.Json;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.Monitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A table with a known linear target plus Gaussian noise of sd {@link #NOISE}, a string column among its
 * features: the winner's test RMSE lands near the noise (no model can beat it on held-out rows), and run, the
 * journal, the leaderboard, test-metrics.json and predict all speak in the target's own units.
 */
@Tag("spark")
class RegressionTest {
    static final double NOISE = 2.0;

    @TempDir
    static Path dir;
    static Path data;
    static Cli.Result run;

    /** price = 3 + 2a - 1.5b + 0.8c + district + noise; a, b, c uniform on [0, 4), four districts. */
    static List<String> table(int rows, long seed) {
        Random rng = new Random(seed);
        String[] districts = {"centre", "north", "south", "river"};
        double[] effect = {4.0, 1.0, 0.0, 2.5};
        List<String> lines = new ArrayList<>(List.of("a,b,c,district,price"));
        for (int i = 0; i < rows; i++) {
            double a = 4 * rng.nextDouble();
            double b = 4 * rng.nextDouble();
            double c = 4 * rng.nextDouble();
            int d = rng.nextInt(4);
            double price = 3 + 2 * a - 1.5 * b + 0.8 * c + effect[d] + NOISE * rng.nextGaussian();
            lines.add(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%s,%.4f", a, b, c, districts[d], price));
        }
        return lines;
    }

    @BeforeAll
    static void runTheSearch() throws Exception {
        data = dir.resolve("prices.csv");
        Files.write(data, table(1500, 5));
        Path config = dir.resolve("prices.yaml");
        Files.writeString(config, "name: prices\ndata:\n  source: 'csv:" + data + "'\n  label: price\n"
                + "  task: regression\n  scale: standard\n"
                + "search: {strategy: grid, seed: 42}\n"
                + "space: {hidden_layers: 1, width: [8, 32], batch_size: 32, epochs: 60, learning_rate: [0.003, 0.01], "
                + "early_stopping: {monitor: val_rmse, patience: 8}}\n"
                + "output: {dir: '" + dir.resolve("prices") + "'}\n");
        run = Cli.sweep("run", config.toString(), "--master", "local[2]");
    }

    static List<TrialRecord> journal() throws Exception {
        List<TrialRecord> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("prices").resolve("trials.jsonl"))) {
            out.add(Json.MAPPER.readValue(line, TrialRecord.class));
        }
        return out;
    }

    @Test
    void theWinnersTestRmseIsNearTheNoise() throws Exception {
        assertEquals(0, run.code(), run.err());
        JsonNode test = Json.MAPPER.readTree(dir.resolve("prices/best/test-metrics.json").toFile());
        double rmse = test.get("rmse").asDouble();
        // 300 test rows: the RMSE of the noise alone is within about 8 % of its sd
        assertTrue(rmse > 0.85 * NOISE && rmse < 1.15 * NOISE, "test RMSE " + rmse + " against noise " + NOISE);
        assertTrue(test.get("mae").asDouble() < rmse, test.toString());
        // the signal's variance is about 9, the noise's 4: R² near 9 / 13
        assertTrue(test.get("r2").asDouble() > 0.6, test.toString());
        assertFalse(test.has("accuracy") || test.has("macro_f1") || test.has("confusion_matrix"), test.toString());
        assertEquals(300, test.get("rows").asInt());
        assertEquals(300, test.get("points").get("actual").size());
        String footer = run.out().lines().filter(l -> l.startsWith("winner ")).findFirst().orElseThrow();
        assertTrue(footer.matches("winner c[0-9a-f]{10}: val_rmse [0-9.]+, val_r2 0\\.\\d{4}, test RMSE [0-9.]+, "
                + "test MAE [0-9.]+, test R² 0\\.\\d{4} -> .*"), footer);
        assertTrue(run.out().contains(", 4 features -> 7 inputs (one-hot: district (4)), a numeric target (training "
                + "mean "), run.out());
    }

    @Test
    void everyEpochRecordsRmseMaeAndR2AndTheLeaderboardRanksByRmse() throws Exception {
        assertEquals(0, run.code(), run.err());
        List<TrialRecord> trials = journal();
        assertEquals(4, trials.size());
        for (TrialRecord t : trials) {
            assertTrue(t.regression(), t.id());
            for (EpochMetrics m : t.history()) {
                assertTrue(Double.isNaN(m.valAccuracy()), t.id() + " has no accuracy");
                assertTrue(m.valRmse() > 0 && m.valMae() > 0 && m.valMae() <= m.valRmse(), t.id() + ": " + m);
                assertTrue(m.valR2() < 1, t.id() + ": " + m);
            }
        }
        List<String> csv = Files.readAllLines(dir.resolve("prices").resolve("leaderboard.csv"));
        assertTrue(csv.get(0).contains(",best_epoch,val_rmse,val_mae,val_r2,val_loss,train_loss,seconds,"), csv.get(0));
        double previous = 0;
        for (String line : csv.subList(1, csv.size())) {
            TrialRecord t = trials.stream().filter(r -> line.contains("," + r.id() + ",")).findFirst().orElseThrow();
            assertTrue(t.value(Monitor.VAL_RMSE) >= previous, csv.toString());
            previous = t.value(Monitor.VAL_RMSE);
        }
        assertTrue(Files.readString(dir.resolve("prices").resolve("leaderboard.md"))
                .contains("Ranked by val_rmse (lower is better). 4 complete, 0 pruned, 0 failed."));
    }

    @Test
    void predictPrintsValuesAndTheirErrorAgainstKnownOnes() throws Exception {
        assertEquals(0, run.code(), run.err());
        List<String> rows = table(50, 99);
        Path input = dir.resolve("new.csv");
        Files.write(input, rows);
        Path out = dir.resolve("predictions.csv");
        Cli.Result p = Cli.sweep("predict", "--run", dir.resolve("prices").toString(), "--input", input.toString(),
                "--output", out.toString());
        assertEquals(0, p.code(), p.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("row,prediction,label", lines.get(0));
        assertEquals(51, lines.size());
        double sse = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            double predicted = Double.parseDouble(cells[1]);
            double known = Double.parseDouble(rows.get(i).split(",")[4]);
            assertEquals(known, Double.parseDouble(cells[2]), 1e-3);
            sse += (predicted - known) * (predicted - known);
        }
        double rmse = Math.sqrt(sse / 50);
        assertTrue(rmse < 1.5 * NOISE, "RMSE " + rmse + " on new rows");
        assertTrue(p.out().matches("(?s)predicted 50 rows of csv:.* with trial c[0-9a-f]{10} -> .*; RMSE [0-9.]+, MAE "
                + "[0-9.]+ on 50 rows with a known value\n"), p.out());
        double printed = Double.parseDouble(p.out().replaceAll("(?s).*; RMSE ([0-9.]+),.*", "$1"));
        assertEquals(rmse, printed, 1e-3 * rmse);

        Cli.Result probs = Cli.sweep("predict", "--run", dir.resolve("prices").toString(), "--input",
                input.toString(), "--output", dir.resolve("p2.csv").toString(), "--probabilities");
        assertEquals(2, probs.code());
        assertEquals("sweep: --probabilities: applies to classification runs only, but the run "
                + dir.resolve("prices") + " predicts the number price (data.task: regression)\n", probs.err());
        assertTrue(Files.notExists(dir.resolve("p2.csv")));
    }

    @Test
    void theReportShowsRmseCurvesTheTestMetricsAndPredictedAgainstActual() throws Exception {
        assertEquals(0, run.code(), run.err());
        Path prices = dir.resolve("prices");
        Document d = Jsoup.parse(prices.resolve("report.html").toFile());
        JsonNode test = Json.MAPPER.readTree(prices.resolve("best/test-metrics.json").toFile());
        assertEquals(String.format(Locale.ROOT, "%.4g", test.get("rmse").asDouble()), d.getElementById("test-rmse").text());
        assertEquals(String.format(Locale.ROOT, "%.4g", test.get("mae").asDouble()), d.getElementById("test-mae").text());
        assertEquals(String.format(Locale.ROOT, "%.4f", test.get("r2").asDouble()), d.getElementById("test-r2").text());
        // a shape per test row in each plot, and no classification view
        assertTrue(d.select("#predicted-vs-actual path").size() >= 300, "points drawn");
        assertTrue(d.select("#residuals path").size() >= 300, "points drawn");
        assertEquals(1, d.select("#curves-rmse").size());
        assertEquals(1, d.select("#curves-loss").size());
        assertEquals(0, d.select("#curves-accuracy, #per-class-table, #confusion, #test-accuracy").size());
        assertEquals(List.of("val_rmse", "val_mae", "val_r2", "val_loss", "train_loss"),
                d.select("#leaderboard-table thead th").eachText().stream()
                        .filter(h -> h.startsWith("val_") || h.startsWith("train_")).toList());
        String md = Files.readString(prices.resolve("leaderboard.md"));
        assertTrue(md.matches("(?s).*\\| winner test \\| RMSE [0-9.]+, MAE [0-9.]+, R² 0\\.\\d{4} on 300 rows \\|.*"), md);
    }
}
