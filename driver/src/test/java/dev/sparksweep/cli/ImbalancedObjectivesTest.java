package dev.sparksweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.Json;
import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.results.TrialRecord;
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

/**
 * A two-class table with about 9 % of one class: val_macro_f1 and val_auc rank the same trials differently from
 * val_accuracy, the leaderboard shows the chosen objective, test-metrics.json gains auc, and balanced class
 * weights change training but not how the metrics are measured.
 */
@Tag("spark")
class ImbalancedObjectivesTest {
    @TempDir
    static Path dir;
    static Path data;

    /** A rare "review" class drawn from a noisy logistic score of the six columns. */
    static List<String> table(int rows, long seed) {
        Random rng = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("amount,days,prior,hour,witnesses,ratio,outcome"));
        for (int i = 0; i < rows; i++) {
            double amount = Math.exp(6.0 + 0.8 * rng.nextGaussian());
            int days = 1 + rng.nextInt(2000);
            int prior = Math.min((int) (-Math.log(1 - rng.nextDouble()) / 0.8), 9);
            int hour = rng.nextInt(24);
            int witnesses = new int[] {0, 0, 1, 1, 2, 3}[rng.nextInt(6)];
            double ratio = 0.6 + 1.2 * rng.nextDouble();
            double logit = -3.4 + 0.9 * (Math.log(amount) - 6.0) / 0.8 - 0.6 * (days - 1000) / 577.0 + 0.45 * prior
                    - 0.5 * witnesses + 1.8 * (ratio - 1.2) + (hour < 5 ? 0.7 : 0) + 0.8 * rng.nextGaussian();
            String label = rng.nextDouble() < 1 / (1 + Math.exp(-logit)) ? "review" : "ok";
            lines.add(String.format(Locale.ROOT, "%.2f,%d,%d,%d,%d,%.3f,%s", amount, days, prior, hour, witnesses,
                    ratio, label));
        }
        return lines;
    }

    @BeforeAll
    static void writeTable() throws Exception {
        data = dir.resolve("claims.csv");
        Files.write(data, table(2000, 11));
    }

    static Path config(String name, String objective, String classWeights) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, "name: " + name + "\ndata:\n  source: 'csv:" + data + "'\n  label: outcome\n"
                + "  class_weights: " + classWeights + "\n  scale: standard\n"
                + "search: {strategy: grid, objective: " + objective + ", seed: 42}\n"
                + "space: {hidden_layers: [1, 2], width: [8, 64], batch_size: [32, 256], epochs: 40, "
                + "learning_rate: [0.001, 0.01], early_stopping: {monitor: val_loss, patience: 5}}\n"
                + "output: {dir: '" + dir.resolve(name) + "'}\n");
        return config;
    }

    static List<TrialRecord> journal(String run) throws Exception {
        List<TrialRecord> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(run).resolve("trials.jsonl"))) {
            out.add(Json.MAPPER.readValue(line, TrialRecord.class));
        }
        return out;
    }

    static java.util.Map<String, Double> byId(List<TrialRecord> trials) {
        java.util.Map<String, Double> m = new java.util.TreeMap<>();
        trials.forEach(t -> m.put(t.id(), t.valLoss()));
        return m;
    }

    static String winner(String run) throws Exception {
        return Json.MAPPER.readTree(dir.resolve(run).resolve("best/test-metrics.json").toFile()).get("trial_id")
                .asText();
    }

    @Test
    void macroF1AndAucPickOtherWinnersThanAccuracy() throws Exception {
        for (String objective : List.of("val_accuracy", "val_macro_f1", "val_auc")) {
            Cli.Result r = Cli.sweep("run", config(objective, objective, "none").toString(), "--master", "local[2]");
            assertEquals(0, r.code(), r.err());
        }
        List<TrialRecord> trials = journal("val_accuracy");
        assertEquals(16, trials.size());
        String byAccuracy = winner("val_accuracy");
        String byF1 = winner("val_macro_f1");
        String byAuc = winner("val_auc");
        // the same trials trained in each run: only the ranking differs
        assertEquals(byId(trials), byId(journal("val_macro_f1")));
        assertEquals(Leaderboard.of(trials, Monitor.VAL_ACCURACY).winner().id(), byAccuracy);
        assertEquals(Leaderboard.of(trials, Monitor.VAL_MACRO_F1).winner().id(), byF1);
        assertEquals(Leaderboard.of(trials, Monitor.VAL_AUC).winner().id(), byAuc);
        assertNotEquals(byAccuracy, byF1);
        assertNotEquals(byAccuracy, byAuc);
        TrialRecord a = trials.stream().filter(t -> t.id().equals(byAccuracy)).findFirst().orElseThrow();
        TrialRecord f = trials.stream().filter(t -> t.id().equals(byF1)).findFirst().orElseThrow();
        assertTrue(f.value(Monitor.VAL_MACRO_F1) > a.value(Monitor.VAL_MACRO_F1) + 0.01,
                "macro F1 " + f.value(Monitor.VAL_MACRO_F1) + " against " + a.value(Monitor.VAL_MACRO_F1));
        assertTrue(a.valAccuracy() > f.valAccuracy(), a.valAccuracy() + " against " + f.valAccuracy());
        for (TrialRecord t : trials) {
            double f1 = t.value(Monitor.VAL_MACRO_F1);
            double auc = t.value(Monitor.VAL_AUC);
            assertTrue(f1 > 0.3 && f1 < 1 && auc > 0.5 && auc <= 1, t.id() + ": f1 " + f1 + ", auc " + auc);
        }

        String md = Files.readString(dir.resolve("val_auc").resolve("leaderboard.md"));
        assertTrue(md.contains("\nRanked by val_auc (higher is better). 16 complete, 0 pruned, 0 failed."), md);
        assertTrue(md.matches("(?s).*\\| best +\\| val_auc +\\| val_acc +\\| val_loss +\\|.*"), md);
        String csv = Files.readAllLines(dir.resolve("val_macro_f1").resolve("leaderboard.csv")).get(0);
        assertTrue(csv.contains(",best_epoch,val_macro_f1,val_accuracy,val_loss,"), csv);
        JsonNode test = Json.MAPPER.readTree(dir.resolve("val_auc").resolve("best/test-metrics.json").toFile());
        assertTrue(test.get("auc").asDouble() > 0.6 && test.get("auc").asDouble() <= 1, test.toString());
        assertTrue(test.get("macro_f1").asDouble() > 0.3, test.toString());
    }

    @Test
    void balancedClassWeightsChangeTrainingNotTheMetrics() throws Exception {
        Path config = config("balanced", "val_macro_f1", "balanced");
        Cli.Result v = Cli.sweep("validate", config.toString(), "--master", "local[1]");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().matches("(?s).*; scale standard; class weights balanced \\(ok 0\\.5\\d, review "
                + "\\d\\.\\d\\d\\).*"), v.out());
        Cli.Result r = Cli.sweep("run", config.toString(), "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        Path unweighted = dir.resolve("unweighted.yaml");
        Files.writeString(unweighted, Files.readString(config("unweighted", "val_macro_f1", "none")));
        assertEquals(0, Cli.sweep("run", unweighted.toString(), "--master", "local[2]").code());
        List<TrialRecord> weighted = journal("balanced");
        List<TrialRecord> plain = journal("unweighted");
        double meanWeighted = weighted.stream().mapToDouble(t -> t.value(Monitor.VAL_MACRO_F1)).average().orElseThrow();
        double meanPlain = plain.stream().mapToDouble(t -> t.value(Monitor.VAL_MACRO_F1)).average().orElseThrow();
        // weighting the rare class trades accuracy for recall of it: a better macro F1 on average
        assertTrue(meanWeighted > meanPlain, meanWeighted + " against " + meanPlain);
        double accWeighted = weighted.stream().mapToDouble(TrialRecord::valAccuracy).average().orElseThrow();
        double accPlain = plain.stream().mapToDouble(TrialRecord::valAccuracy).average().orElseThrow();
        assertTrue(accWeighted < accPlain, accWeighted + " against " + accPlain);
    }

    @Test
    void aucNeedsTwoClasses() throws Exception {
        Path config = dir.resolve("digits-auc.yaml");
        Files.writeString(config, "name: d\ndata: {source: 'builtin:digits'}\nsearch: {objective: val_auc}\n"
                + "space: {hidden_layers: 1, width: 8, epochs: 1}\noutput: {dir: '" + dir.resolve("d") + "'}\n");
        Cli.Result r = Cli.sweep("validate", config.toString(), "--master", "local[1]");
        assertEquals(2, r.code());
        assertEquals("sweep: search.objective: val_auc needs exactly 2 classes, but builtin:digits has 10 (use "
                + "val_macro_f1 for more classes)\n", r.err());
        Files.writeString(config, "name: d\ndata: {source: 'builtin:digits'}\n"
                + "space: {hidden_layers: 1, width: 8, epochs: 1, early_stopping: {monitor: val_auc, patience: 2}}\n"
                + "output: {dir: '" + dir.resolve("d") + "'}\n");
        Cli.Result es = Cli.sweep("run", config.toString(), "--master", "local[1]");
        assertEquals(2, es.code());
        assertEquals("sweep: space.early_stopping.monitor: val_auc needs exactly 2 classes, but builtin:digits has 10 "
                + "(use val_macro_f1 for more classes)\n", es.err());
        assertTrue(Files.notExists(dir.resolve("d")), "nothing written for a refused run");
    }
}
