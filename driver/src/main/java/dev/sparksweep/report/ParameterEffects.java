package dev.sparksweep.report;

import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each varying hyperparameter did to the objective, over the completed trials: the points (value,
 * objective) for a plot, and the spread of the objective's mean between the hyperparameter's best and worst
 * value (continuous values are grouped into quartiles first). A larger spread means the choice mattered more;
 * it is a marginal measure and ignores interactions.
 */
public record ParameterEffects(List<Effect> effects) {

    /**
     * @param numeric whether every value is a number (plotted on a numeric axis, log when it spans decades)
     * @param groups mean objective per value (or quartile), in value order
     */
    public record Effect(String key, boolean numeric, List<Object> values, List<Double> objective,
                         Map<String, Double> groups, double spread) {
    }

    public static ParameterEffects of(RunSummary run) {
        List<TrialRecord> done = run.records().stream().filter(r -> r.status() == TrialStatus.COMPLETE).toList();
        List<Effect> effects = new ArrayList<>();
        for (String key : run.leaderboard().varyingKeys()) {
            List<Object> values = new ArrayList<>();
            List<Double> objective = new ArrayList<>();
            for (TrialRecord r : done) {
                values.add(r.hyperparameters().get(key));
                objective.add(run.objectiveOf(r));
            }
            boolean numeric = values.stream().allMatch(v -> v instanceof Number);
            Map<String, Double> groups = groups(values, objective, numeric);
            double spread = groups.size() < 2 ? 0 : groups.values().stream().mapToDouble(Double::doubleValue).max()
                    .orElse(0) - groups.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
            effects.add(new Effect(key, numeric, values, objective, groups, spread));
        }
        effects.sort(Comparator.comparingDouble(Effect::spread).reversed().thenComparing(Effect::key));
        return new ParameterEffects(List.copyOf(effects));
    }

    private static Map<String, Double> groups(List<Object> values, List<Double> objective, boolean numeric) {
        Map<String, List<Double>> byValue = new LinkedHashMap<>();
        long distinct = values.stream().map(String::valueOf).distinct().count();
        if (numeric && distinct > 6) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble(i -> ((Number) values.get(i)).doubleValue()));
            for (int q = 0; q < order.size(); q++) {
                int quartile = q * 4 / order.size();
                int i = order.get(q);
                byValue.computeIfAbsent("quartile " + (quartile + 1), k -> new ArrayList<>()).add(objective.get(i));
            }
        } else {
            Map<Object, List<Double>> sorted = numeric
                    ? new TreeMap<>(Comparator.comparingDouble(v -> ((Number) v).doubleValue()))
                    : new TreeMap<>(Comparator.comparing(String::valueOf));
            for (int i = 0; i < values.size(); i++) {
                sorted.computeIfAbsent(values.get(i), k -> new ArrayList<>()).add(objective.get(i));
            }
            sorted.forEach((k, v) -> byValue.put(String.valueOf(k), v));
        }
        Map<String, Double> means = new LinkedHashMap<>();
        byValue.forEach((k, v) -> means.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        return means;
    }
}
