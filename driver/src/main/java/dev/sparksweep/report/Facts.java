package dev.sparksweep.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.Json;
import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.results.TestEvaluation;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The numbers both reports state, worked out once so that the HTML and the Markdown agree. */
record Facts(RunSummary run, ParameterEffects effects, List<TrialRecord> top, OptimisationHistory history,
             Rungs rungs, Timeline timeline, RunImportance importance, Live live) {

    /** A report written while the run goes on: {@code done} of {@code planned} trials finished. */
    record Live(int done, int planned) {
    }
    static final int TOP = 5;

    static Facts of(RunSummary run) {
        return of(run, null);
    }

    static Facts of(RunSummary run, Live live) {
        List<TrialRecord> complete = run.leaderboard().ranked().stream()
                .filter(r -> r.status() == TrialStatus.COMPLETE).toList();
        Rungs rungs = Rungs.of(run.records(), run.segments(), run.objective());
        return new Facts(run, ParameterEffects.of(run), complete.subList(0, Math.min(TOP, complete.size())),
                OptimisationHistory.of(run), rungs,
                Timeline.of(run.segments(), run.run() == null ? null : run.run().parallelism()),
                RunImportance.of(run, rungs), live);
    }

    /** Status counts, budget and the winner, as label/value pairs. */
    Map<String, String> summary() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("objective", run.objective().key() + (run.objective().maximise() ? " (higher is better)"
                : " (lower is better)"));
        m.put("strategy", run.config().path("search").path("strategy").asText());
        m.put("complete", String.valueOf(run.count(TrialStatus.COMPLETE)));
        m.put("pruned", String.valueOf(run.count(TrialStatus.PRUNED)));
        m.put("failed", String.valueOf(run.count(TrialStatus.FAILED)));
        m.put("budget used", run.budget());
        int last = history.lastImprovement();
        if (last > 0) {
            m.put("last improvement", "trial " + last + " of " + history.points().size() + " in finish order ("
                    + (history.points().size() - last) + " since)");
        }
        TrialRecord w = run.leaderboard().winner();
        m.put("winner", w == null ? "none (no trial completed)" : w.id() + ", " + hyper(w));
        boolean regression = run.leaderboard().regression();
        if (w != null) {
            m.put("winner validation", Leaderboard.extraColumn(run.objective()).map(k -> String.format(Locale.ROOT,
                    "%s %.4f, ", k, w.value(run.objective()))).orElse("") + (regression
                    ? String.format(Locale.ROOT, "val_rmse %.4g, val_mae %.4g, val_r2 %.4f, val_loss %.4f",
                    w.value(Monitor.VAL_RMSE), w.value(Monitor.VAL_MAE), w.value(Monitor.VAL_R2), w.valLoss())
                    : String.format(Locale.ROOT, "val_accuracy %.4f, val_loss %.4f", w.valAccuracy(), w.valLoss()))
                    + String.format(Locale.ROOT, ", epoch %d of %d", w.bestEpoch(), w.epochsTrained()));
        }
        m.put("winner test", run.test() == null ? "not evaluated (the run did not finish)" : testLine(run.test()));
        m.put("state", live != null ? liveLine() : run.finished() ? "finished"
                : "stopped before the end (report made from the journal)");
        return m;
    }

    /** Per importance row: the key, its fANOVA share and sd, and its marginal spread (NaN when it has none). */
    List<Object[]> importanceRows() {
        List<Object[]> rows = new ArrayList<>();
        if (importance == null) {
            return rows;
        }
        Importance imp = importance.importance();
        for (int k : imp.ranked()) {
            String key = imp.names().get(k);
            double spread = effects.effects().stream().filter(e -> e.key().equals(key)).mapToDouble(
                    ParameterEffects.Effect::spread).findFirst().orElse(Double.NaN);
            rows.add(new Object[] {key, imp.shares()[k], imp.spreads()[k], spread});
        }
        return rows;
    }

    /** What the importance numbers mean and what they rest on. */
    String importanceNote() {
        if (importance == null) {
            return "Not enough to go on: fANOVA needs at least " + RunImportance.MIN_TRIALS + " trials with a value "
                    + "and a hyperparameter that varied.";
        }
        Importance imp = importance.importance();
        return String.format(Locale.ROOT, "fANOVA on a random forest of %d regression trees (Tribuo's CART, bagged) "
                + "fitted to %s: each number is the share of the objective's variance over the searched space that the "
                + "hyperparameter explains on its own, the mean over the trees (± their standard deviation). They sum "
                + "to %.2f; the other %.2f is interactions between hyperparameters. Resting on %d trials, they are %s.",
                Importance.TREES, importance.basis(), imp.firstOrder(), Math.max(0, 1 - imp.firstOrder()),
                imp.trials(), imp.trials() < 20 ? "rough" : "estimates with the spread shown");
    }

    /** "running, 12 of 72 trials". */
    String liveLine() {
        return "running, " + live.done() + " of " + live.planned() + " trials";
    }

    /** What the history chart shows, in a sentence: the best so far and how long ago it last improved. */
    String historyNote() {
        int n = history.points().size();
        int last = history.lastImprovement();
        if (last == 0) {
            return n + " trials in finish order; none completed, so there is no best value yet.";
        }
        double best = history.bestSoFar().get(n - 1);
        String sources = history.bySource() ? String.format(Locale.ROOT, " Startup (random) proposals: %d; the "
                + "model's: %d.", history.points().stream().filter(p -> "startup".equals(p.proposedBy())).count(),
                history.points().stream().filter(p -> "model".equals(p.proposedBy())).count()) : "";
        return String.format(Locale.ROOT, "%d trials in finish order. The best %s, %.4f, was reached at trial %d; "
                + "the %d trials since did not improve on it.%s", n, run.objective().key(), best, last, n - last, sources);
    }

    /** "Halving judged 72 trials at rungs 2, 6, 18, 50; most pruning at epoch 2: 48 of 72 stopped there." */
    String rungsNote() {
        Rungs.Rung most = rungs.mostPruned();
        long judged = rungs.rungs().isEmpty() ? 0 : rungs.rungs().get(0).entries().size();
        return "Halving judged " + judged + " trials at rungs " + rungs.rungs().stream().map(r -> String.valueOf(r.epoch()))
                .collect(java.util.stream.Collectors.joining(", ")) + (most == null ? "; none was pruned."
                : "; most pruning at epoch " + most.epoch() + ": " + most.count(Rungs.Fate.PRUNED) + " of "
                + most.entries().size() + " that reached it stopped there.");
    }

    /** "utilisation 81.2 %, scheduling and transfer 6.5 %, idle 12.3 % of 2 slots × 14.1 s; 96 segments" */
    String timelineNote() {
        Timeline t = timeline;
        return String.format(Locale.ROOT, "utilisation %.1f %% (the executors' own time in segments), scheduling "
                + "and transfer %.1f %%, idle %.1f %%, of %d slots × %.1f s; %d segments", 100 * t.utilisation(),
                100 * t.schedulingShare(), 100 * t.idleShare(), t.slots(), t.spanSeconds(), t.bars().size());
    }

    /** "accuracy 0.9722, macro F1 0.9720 on 360 rows" or "RMSE 47.03, MAE 36.25, R² 0.9849 on 300 rows". */
    static String testLine(TestEvaluation t) {
        if (t.regression()) {
            return String.format(Locale.ROOT, "RMSE %.4g, MAE %.4g, R² %.4f on %d rows", t.rmse(), t.mae(), t.r2(),
                    t.rows());
        }
        return String.format(Locale.ROOT, "accuracy %.4f, macro F1 %.4f%s on %d rows", t.accuracy(), t.macroF1(),
                t.auc() == null ? "" : String.format(Locale.ROOT, ", AUC %.4f", t.auc()), t.rows());
    }

    /** The winner's varying hyperparameters, "width=128, dropout=0.2". */
    String hyper(TrialRecord r) {
        List<String> parts = new ArrayList<>();
        for (String k : run.leaderboard().varyingKeys()) {
            parts.add(k + "=" + HtmlReport.value(r.hyperparameters().get(k)));
        }
        return parts.isEmpty() ? "the only candidate" : String.join(", ", parts);
    }

    /** Versions, master, seeds, hashes, times: from run.json, or from the journal and config for a stopped run. */
    Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        JsonNode p = run.run() == null ? null : Json.MAPPER.valueToTree(run.run());
        String[] keys = {"sparksweep_version", "dl4j_version", "nd4j_backend", "spark_version", "java_version", "master",
            "app_id", "parallelism", "engine", "train_metrics", "search_seed", "split_seed", "config_file", "config_sha256",
            "data_source", "data_sha256", "data_rows", "started_at", "finished_at", "wall_seconds", "cpu_seconds"};
        if (p != null) {
            for (String k : keys) {
                if (p.hasNonNull(k)) {
                    m.put(k, p.get(k).asText());
                }
            }
        } else {
            m.put("data_source", run.config().path("data").path("source").asText());
            m.put("search_seed", run.config().path("search").path("seed").asText());
            m.put("split_seed", run.config().path("data").path("split").path("seed").asText());
            m.put("wall_seconds", String.format(Locale.ROOT, "%.1f (from the journal)", run.wallSeconds()));
        }
        m.put("executors", executors());
        return m;
    }

    /** "driver: 72 trials on host-a" or "0: 36 trials on 10.0.0.5, 1: 36 trials on 10.0.0.6". */
    String executors() {
        Map<String, Integer> count = new TreeMap<>();
        Map<String, String> host = new TreeMap<>();
        for (TrialRecord r : run.records()) {
            String e = r.executor() == null || r.executor().isEmpty() ? "?" : r.executor();
            count.merge(e, 1, Integer::sum);
            host.put(e, r.host());
        }
        List<String> parts = new ArrayList<>();
        count.forEach((e, n) -> parts.add(e + ": " + n + (n == 1 ? " trial" : " trials") + " on " + host.get(e)));
        return String.join(", ", parts);
    }

    /** What the curves' train values are. */
    String trainValues() {
        return trainMetrics().equals("exact")
                ? "Train values are exact: the whole training split after each epoch, dropout off."
                : "Train values are running means over each epoch's mini-batches, as Keras reports them: each batch "
                + "scored in the forward pass that trained it, dropout on. They trail the epoch's end and usually "
                + "read higher than an exact pass would; validation values are exact.";
    }

    /** For each top trial: where it stopped and how far train and validation loss had drifted apart. */
    List<String> curveNotes() {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            TrialRecord t = top.get(i);
            if (t.history().isEmpty()) {
                continue;
            }
            var last = t.history().get(t.history().size() - 1);
            var kept = t.history().stream().filter(m -> m.epoch() == t.bestEpoch()).findFirst().orElse(last);
            notes.add(String.format(Locale.ROOT, "#%d %s kept epoch %d of %d: validation loss %.4f (train %.4f); at "
                            + "epoch %d validation loss %.4f against train %.4f, a gap of %.4f", i + 1, t.id(),
                    kept.epoch(), t.epochsTrained(), kept.valLoss(), kept.trainLoss(), last.epoch(), last.valLoss(),
                    last.trainLoss(), last.valLoss() - last.trainLoss()));
        }
        return notes;
    }

    /** running or exact; runs from before history.train_metrics was recorded measured them exactly. */
    private String trainMetrics() {
        if (run.run() != null) {
            return run.run().trainMetrics() == null ? "exact" : run.run().trainMetrics();
        }
        return run.config().path("history").path("train_metrics").asText("running");
    }

    List<TrialRecord> failed() {
        return run.leaderboard().ranked().stream().filter(r -> r.status() == TrialStatus.FAILED).toList();
    }
}
