package dev.sparksweep.results;

import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialStatus;
import java.io.IOException;
import dev.sparksweep.common.RunFault;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The trials of a run ranked by the objective: completed trials first, best first; ties go to the other
 * validation metric, then to fewer epochs, then to the id, so the order never depends on arrival. Pruned and
 * failed trials follow. Under successive halving, trials that reached more rungs rank before those that
 * reached fewer.
 */
public record Leaderboard(Monitor objective, List<TrialRecord> ranked) {

    public static Leaderboard of(List<TrialRecord> records, Monitor objective) {
        List<TrialRecord> sorted = new ArrayList<>(records);
        sorted.sort(order(objective));
        return new Leaderboard(objective, List.copyOf(sorted));
    }

    public static Comparator<TrialRecord> order(Monitor objective) {
        Comparator<TrialRecord> byAccuracy = Comparator.comparingDouble(r -> -r.valAccuracy());
        Comparator<TrialRecord> byLoss = Comparator.comparingDouble(TrialRecord::valLoss);
        Comparator<TrialRecord> metrics = switch (objective) {
            case VAL_ACCURACY -> byAccuracy.thenComparing(byLoss);
            case VAL_LOSS -> byLoss.thenComparing(byAccuracy);
            // NaN (not measured) ranks after every number
            case VAL_MACRO_F1, VAL_AUC -> Comparator.<TrialRecord>comparingDouble(
                    r -> Double.isNaN(r.value(objective)) ? Double.POSITIVE_INFINITY : -r.value(objective))
                    .thenComparing(byAccuracy).thenComparing(byLoss);
            case VAL_RMSE, VAL_MAE, VAL_R2 -> Comparator.<TrialRecord>comparingDouble(r -> {
                double v = r.value(objective);
                return Double.isNaN(v) ? Double.POSITIVE_INFINITY : objective.maximise() ? -v : v;
            }).thenComparing(byLoss);
        };
        return Comparator.<TrialRecord>comparingInt(r -> statusRank(r.status()))
                .thenComparing(Comparator.<TrialRecord>comparingInt(r -> r.rungs().size()).reversed())
                .thenComparing((a, b) -> a.status() == TrialStatus.COMPLETE && b.status() == TrialStatus.COMPLETE
                        ? metrics.compare(a, b) : 0)
                .thenComparingInt(TrialRecord::epochsTrained)
                .thenComparing(TrialRecord::id);
    }

    /** The objective's own column, for an objective that val_acc and val_loss (or a regression's) do not show. */
    public static java.util.Optional<String> extraColumn(Monitor objective) {
        return objective == Monitor.VAL_ACCURACY || objective == Monitor.VAL_LOSS || objective.appliesToRegression()
                ? java.util.Optional.empty() : java.util.Optional.of(objective.key());
    }

    /** Whether these are a regression's trials: the objective is one of its metrics, or a trial has an RMSE. */
    public boolean regression() {
        return (objective.appliesToRegression() && objective != Monitor.VAL_LOSS)
                || ranked.stream().anyMatch(TrialRecord::regression);
    }

    /** The metric columns after the trial's facts: a regression's errors, or accuracy and loss. */
    public List<String> metricKeys() {
        return metricKeys(false);
    }

    private List<String> metricKeys(boolean shortNames) {
        return regression() ? List.of("val_rmse", "val_mae", "val_r2", "val_loss", "train_loss")
                : shortNames ? List.of("val_acc", "val_loss", "train_acc")
                : List.of("val_accuracy", "val_loss", "train_accuracy");
    }

    /** A trial's values of {@link #metricKeys()}, in that order; NaN where it has none. */
    public List<Double> metrics(TrialRecord r) {
        return regression() ? List.of(r.value(Monitor.VAL_RMSE), r.value(Monitor.VAL_MAE), r.value(Monitor.VAL_R2),
                r.valLoss(), r.trainLoss())
                : List.of(r.valAccuracy(), r.valLoss(), r.trainAccuracy());
    }

    private List<String> metricValues(TrialRecord r) {
        return metrics(r).stream().map(Leaderboard::num).toList();
    }

    private static int statusRank(TrialStatus s) {
        return switch (s) {
            case COMPLETE -> 0;
            case PRUNED -> 1;
            case FAILED -> 2;
        };
    }

    /** The best completed trial, or null when none completed. */
    public TrialRecord winner() {
        return ranked.isEmpty() || ranked.get(0).status() != TrialStatus.COMPLETE ? null : ranked.get(0);
    }

    public long count(TrialStatus s) {
        return ranked.stream().filter(r -> r.status() == s).count();
    }

    /** Hyperparameter keys in journal order. */
    public List<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        ranked.forEach(r -> keys.addAll(r.hyperparameters().keySet()));
        return List.copyOf(keys);
    }

    /** Keys whose value differs between trials: the ones a reader compares. */
    public List<String> varyingKeys() {
        return keys().stream().filter(k -> ranked.stream().map(r -> String.valueOf(r.hyperparameters().get(k)))
                .distinct().count() > 1).toList();
    }

    /** The ranking as CSV: a header, then one row per trial in rank order. */
    public String csv() {
        List<String> keys = keys();
        StringBuilder sb = new StringBuilder("rank,id,status");
        keys.forEach(k -> sb.append(',').append(k));
        java.util.Optional<String> extra = extraColumn(objective);
        sb.append(",engine,epochs_trained,best_epoch").append(extra.map(k -> "," + k).orElse(""))
                .append(',').append(String.join(",", metricKeys(false))).append(",seconds,rungs,reason\n");
        int rank = 1;
        for (TrialRecord r : ranked) {
            sb.append(rank++).append(',').append(r.id()).append(',').append(r.status());
            for (String k : keys) {
                sb.append(',').append(csv(String.valueOf(r.hyperparameters().get(k))));
            }
            sb.append(',').append(r.engine()).append(',').append(r.epochsTrained()).append(',').append(r.bestEpoch())
                    .append(extra.isPresent() ? "," + num(r.value(objective)) : "")
                    .append(',').append(String.join(",", metricValues(r))).append(',').append(fmt("%.2f", r.seconds()))
                    .append(',').append(r.rungs().stream().map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining("/")))
                    .append(',').append(csv(r.reason())).append('\n');
        }
        return sb.toString();
    }

    /** The ranking in Markdown: what it is ranked by, the fixed hyperparameters, and the whole table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("Ranked by ").append(objective.key()).append(objective.maximise() ? " (higher is better)"
                : " (lower is better)").append(". ").append(count(TrialStatus.COMPLETE)).append(" complete, ")
                .append(count(TrialStatus.PRUNED)).append(" pruned, ").append(count(TrialStatus.FAILED))
                .append(" failed.\n\n");
        if (ranked.stream().anyMatch(r -> !r.rungs().isEmpty())) {
            sb.append("Successive halving: trials that reached more rungs rank first, so the top rows are the ones "
                    + "that trained to the last rung; the rungs column lists the epochs at which each was judged.\n\n");
        }
        List<String> varying = varyingKeys();
        if (!ranked.isEmpty()) {
            Map<String, Object> first = ranked.get(0).hyperparameters();
            List<String> fixed = keys().stream().filter(k -> !varying.contains(k))
                    .map(k -> k + "=" + first.get(k)).toList();
            if (!fixed.isEmpty()) {
                sb.append("Same in every trial: ").append(String.join(", ", fixed)).append(".\n\n");
            }
        }
        sb.append(table(ranked.size(), true));
        return sb.toString();
    }

    /** A table of the top {@code limit} rows with the varying hyperparameters; Markdown when {@code markdown}. */
    public String table(int limit, boolean markdown) {
        List<String> varying = varyingKeys();
        List<String> header = new ArrayList<>(List.of("rank", "id", "status"));
        header.addAll(varying);
        boolean halving = ranked.stream().anyMatch(r -> !r.rungs().isEmpty());
        if (halving) {
            header.add("rungs");
        }
        header.addAll(List.of("engine", "epochs", "best"));
        extraColumn(objective).ifPresent(header::add);
        header.addAll(metricKeys(true));
        header.add("seconds");
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (TrialRecord r : ranked.subList(0, Math.min(limit, ranked.size()))) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(rank++), r.id(),
                    r.status().name().toLowerCase(Locale.ROOT)));
            varying.forEach(k -> row.add(cell(r.hyperparameters().get(k))));
            if (halving) {
                row.add(r.rungs().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("/")));
            }
            row.addAll(List.of(r.engine(), String.valueOf(r.epochsTrained()), String.valueOf(r.bestEpoch())));
            if (extraColumn(objective).isPresent()) {
                row.add(num(r.value(objective)));
            }
            row.addAll(metricValues(r));
            row.add(fmt("%.1f", r.seconds()));
            rows.add(row);
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, markdown);
        if (markdown) {
            List<String> rule = new ArrayList<>();
            for (int w : width) {
                rule.add("-".repeat(w));
            }
            line(sb, rule, width, true);
        }
        rows.forEach(row -> line(sb, row, width, markdown));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean markdown) {
        StringBuilder l = new StringBuilder(markdown ? "| " : "");
        for (int i = 0; i < cells.size(); i++) {
            l.append(String.format("%-" + width[i] + "s", cells.get(i))).append(markdown ? " | " : "  ");
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    /** A hyperparameter for people: drawn reals to four significant digits, the rest as recorded. */
    private static String cell(Object v) {
        return v instanceof Double d && Double.isFinite(d) && d != 0 && String.valueOf(d).length() > 8
                ? new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString()
                : String.valueOf(v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : fmt("%.4f", v);
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }

    private static String csv(String s) {
        String v = Objects.requireNonNullElse(s, "");
        return v.contains(",") || v.contains("\"") || v.contains("\n")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

}
