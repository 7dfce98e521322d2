package dev.sparksweep.cli;

import dev.sparksweep.app.ModeAdvice;
import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.search.Strategies;
import dev.sparksweep.app.SweepRun;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.Hyperparameter;
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

    @CommandLine.Option(names = "--master", paramLabel = "URL",
            description = "Spark master that reads the data (default local[*]; builtin data needs none)")
    String master;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SweepConfig cfg = ConfigLoader.load(config);
        PreparedData data = SweepRun.prepareData(cfg, master);
        SearchStrategy strategy = Strategies.create(cfg.search(), cfg.space());
        String axes = cfg.space().varying().stream()
                .map(d -> d.name() + (d.isDiscrete() ? "(" + d.values().size() + ")" : "(" + range(d) + ")"))
                .collect(Collectors.joining(" x "));
        var out = spec.commandLine().getOut();
        out.println(config + " is valid.");
        String kind = cfg.search().strategy().name().toLowerCase(java.util.Locale.ROOT);
        out.println("search " + cfg.name() + ": " + strategy.plannedTrials() + " candidates (" + kind
                + (axes.isEmpty() ? "" : " over " + axes) + ")"
                + (cfg.space().isDiscrete() && strategy.plannedTrials() < cfg.space().gridSize()
                ? ", max_trials keeps " + strategy.plannedTrials() + " of " + cfg.space().gridSize() : ""));
        if (!strategy.note().isBlank()) {
            out.println("note: " + strategy.note());
        }
        var firstCandidate = strategy.ask(1).get(0).candidate();
        if (strategy instanceof dev.sparksweep.search.HalvingSearch halving) {
            out.println("halving: rungs at epochs " + halving.rungEpochs(firstCandidate) + ", the top 1/"
                    + cfg.search().eta() + " of each rung continue");
        }
        var first = Hyperparameter.shown(firstCandidate);
        out.println("fixed: " + cfg.space().dimensions().stream().filter(d -> d instanceof Dimension.Fixed)
                .map(d -> d.name() + "=" + first.get(d.name())).collect(Collectors.joining(", ")));
        out.println("data " + data.summary());
        out.println(dev.sparksweep.app.ModeAdvice.advise(cfg, data));
        out.println("objective " + cfg.search().objective().key() + "; run directory " + cfg.output().dir());
        return 0;
    }

    private static String range(Dimension d) {
        if (d instanceof Dimension.DoubleRange r) {
            return (r.log() ? "log_uniform " : "uniform ") + r.low() + ".." + r.high();
        }
        Dimension.IntRange r = (Dimension.IntRange) d;
        return (r.log() ? "int_log " : "int ") + r.low() + ".." + r.high();
    }
}
