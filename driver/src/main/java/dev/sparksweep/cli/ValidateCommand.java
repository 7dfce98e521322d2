package dev.sparksweep.cli;

import dev.sparksweep.app.Validation;
import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.config.SweepConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a config and its data, print the number of candidates; trains nothing.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "the search config (YAML)")
    Path config;

    @CommandLine.Mixin
    MasterOption spark = new MasterOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SweepConfig cfg = ConfigLoader.load(config);
        List<String> plan = Validation.plan(cfg, spark.master);
        var out = spec.commandLine().getOut();
        out.println(config + " is valid.");
        plan.forEach(out::println);
        return 0;
    }
}
