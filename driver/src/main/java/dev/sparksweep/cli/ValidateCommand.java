package dev.sparksweep.cli;

import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.search.GridSearch;
import dev.sparksweep.space.Dimension;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a config and its data, print the number of candidates; trains nothing.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "the search config (YAML)")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SweepConfig cfg = ConfigLoader.load(config);
        PreparedData data = PreparedData.prepare(cfg.data());
        GridSearch grid = new GridSearch(cfg.space(), cfg.search().seed(), cfg.search().maxTrials());
        String axes = cfg.space().varying().stream()
                .map(d -> d.name() + "(" + d.values().size() + ")").collect(Collectors.joining(" x "));
        var out = spec.commandLine().getOut();
        out.println(config + " is valid.");
        out.println("search " + cfg.name() + ": " + grid.plannedTrials() + " candidates (grid"
                + (axes.isEmpty() ? "" : " over " + axes) + ")"
                + (grid.plannedTrials() < cfg.space().gridSize() ? ", max_trials keeps the first "
                + grid.plannedTrials() + " of " + cfg.space().gridSize() : ""));
        var first = grid.candidates().get(0).hyperparameters();
        out.println("fixed: " + cfg.space().dimensions().stream().filter(d -> d instanceof Dimension.Fixed)
                .map(d -> d.name() + "=" + first.get(d.name())).collect(Collectors.joining(", ")));
        out.println("data " + data.summary());
        out.println("objective " + cfg.search().objective().key() + "; run directory " + cfg.output().dir());
        return 0;
    }
}
