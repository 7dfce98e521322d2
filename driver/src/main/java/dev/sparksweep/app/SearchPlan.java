package dev.sparksweep.app;

import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a search will try, worked out once from the config and its strategy; {@code run} prints its headline,
 * {@code validate} the whole plan.
 *
 * @param trials candidates the strategy plans, plus those a resumed journal already holds
 * @param details the strategy's own description of how it decides (halving: its rungs)
 */
record SearchPlan(String name, String strategy, int trials, String axes, long gridSize, String note,
                  List<String> details) {

    static SearchPlan of(SweepConfig cfg, SearchStrategy strategy, int alreadyDone) {
        SearchSpace space = cfg.space();
        String axes = space.varying().stream()
                .map(d -> d.name() + (d.isDiscrete() ? "(" + d.values().size() + ")" : "(" + range(d) + ")"))
                .collect(Collectors.joining(" x "));
        return new SearchPlan(cfg.name(), cfg.search().strategy().name().toLowerCase(Locale.ROOT),
                strategy.plannedTrials() + alreadyDone, axes, space.isDiscrete() ? space.gridSize() : -1,
                strategy.note(), strategy.describe());
    }

    /** run's first line: "SparkSweep 0.1.0: search digits-quick, 4 candidates (grid)". */
    String headline(String version) {
        return String.format("SparkSweep %s: search %s, %d candidates (%s)", version, name, trials, strategy);
    }

    /** validate's lines: the candidates and axes, a note, the strategy's details. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("search " + name + ": " + trials + " candidates (" + strategy
                + (axes.isEmpty() ? "" : " over " + axes) + ")"
                + (gridSize >= 0 && trials < gridSize ? ", max_trials keeps " + trials + " of " + gridSize : ""));
        out.addAll(noteLines());
        out.addAll(details);
        return out;
    }

    List<String> noteLines() {
        return note.isBlank() ? List.of() : List.of("note: " + note);
    }

    private static String range(Dimension d) {
        if (d instanceof Dimension.DoubleRange r) {
            return (r.log() ? "log_uniform " : "uniform ") + r.low() + ".." + r.high();
        }
        Dimension.IntRange r = (Dimension.IntRange) d;
        return (r.log() ? "int_log " : "int ") + r.low() + ".." + r.high();
    }
}
