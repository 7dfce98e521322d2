package dev.sparksweep.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fANOVA importance of a run's varying hyperparameters, and what it rests on. The forest is fitted to the
 * completed trials' objective; under halving, where most trials stop early, to every trial's value at the
 * first rung, the one budget all of them trained to. Each dimension is encoded on its searched domain: a
 * distribution over its range ({@code log_uniform} as log10), a list of choices as their indices.
 *
 * @param basis what the values are, for the report: "the val_accuracy of 24 completed trials"
 */
public record RunImportance(Importance importance, String basis) {
    static final int MIN_TRIALS = 5;

    /** Null when fewer than {@link #MIN_TRIALS} trials have a value, no hyperparameter varied, or all values agree. */
    static RunImportance of(RunSummary run, Rungs rungs) {
        List<String> keys = run.leaderboard().varyingKeys();
        if (keys.isEmpty()) {
            return null;
        }
        Map<String, Double> values = new HashMap<>();
        String basis;
        if (!rungs.rungs().isEmpty()) {
            Rungs.Rung first = rungs.rungs().get(0);
            first.entries().forEach(e -> values.put(e.trial(), e.value()));
            basis = "each trial's " + run.objective().key() + " at the first rung (epoch " + first.epoch()
                    + "), the budget every trial trained to";
        } else {
            run.records().stream().filter(r -> r.status() == TrialStatus.COMPLETE)
                    .forEach(r -> values.put(r.id(), run.objectiveOf(r)));
            basis = "the " + run.objective().key() + " of the completed trials";
        }
        List<TrialRecord> used = run.records().stream().filter(r -> values.containsKey(r.id())
                && Double.isFinite(values.get(r.id()))).toList();
        if (used.size() < MIN_TRIALS || used.stream().map(r -> values.get(r.id())).distinct().count() < 2) {
            return null;
        }
        JsonNode space = run.config().path("space");
        List<String> names = new ArrayList<>();
        List<double[]> domains = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        for (String key : keys) {
            List<Object> raw = used.stream().map(r -> r.hyperparameters().get(key)).toList();
            double[] column = new double[raw.size()];
            double[] domain = encode(space.path(key), raw, column);
            if (domain != null && domain[1] > domain[0]) {
                names.add(key);
                domains.add(domain);
                columns.add(column);
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        double[][] x = new double[used.size()][names.size()];
        double[] y = new double[used.size()];
        for (int i = 0; i < used.size(); i++) {
            for (int k = 0; k < names.size(); k++) {
                x[i][k] = columns.get(k)[i];
            }
            y[i] = values.get(used.get(i).id());
        }
        long seed = run.config().path("search").path("seed").asLong(0);
        return new RunImportance(Importance.fanova(names, x, y, domains.toArray(double[][]::new), seed),
                basis.replace("the completed trials", used.size() + " completed trials")
                        + (rungs.rungs().isEmpty() ? "" : " (" + used.size() + " trials)"));
    }

    /** Fills {@code out} with the encoded values; returns the domain {lo, hi}, null when the values are unusable. */
    private static double[] encode(JsonNode space, List<Object> raw, double[] out) {
        boolean numeric = raw.stream().allMatch(v -> v instanceof Number);
        if (numeric && space.isObject() && space.size() == 1 && space.elements().next().isArray()
                && space.elements().next().size() == 2) {
            boolean log = space.fieldNames().next().startsWith("log");
            double lo = space.elements().next().get(0).asDouble();
            double hi = space.elements().next().get(1).asDouble();
            for (int i = 0; i < raw.size(); i++) {
                double v = ((Number) raw.get(i)).doubleValue();
                out[i] = log ? Math.log10(v) : v;
            }
            return log ? new double[] {Math.log10(lo), Math.log10(hi)} : new double[] {lo, hi};
        }
        List<String> choices = new ArrayList<>();
        if (space.isArray()) {
            space.forEach(v -> choices.add(label(v.isNumber() ? (Object) v.numberValue() : v.isTextual()
                    ? v.asText() : v.toString())));
        }
        raw.stream().map(RunImportance::label).distinct().sorted(numeric
                ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder())
                .filter(l -> !choices.contains(l)).forEach(choices::add);
        for (int i = 0; i < raw.size(); i++) {
            out[i] = choices.indexOf(label(raw.get(i)));
        }
        return new double[] {-0.5, choices.size() - 0.5};
    }

    private static String label(Object v) {
        if (v == null) {
            return "none";
        }
        // 32, 32L and 32.0 are one choice
        return v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15
                ? String.valueOf(n.longValue()) : String.valueOf(v);
    }
}
