package dev.sparksweep.cli;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.report.Reports;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.RunLock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a run's reports again from its journal: leaderboard.csv, leaderboard.md and report.html "
                + "(also for a run that was stopped).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "a run directory")
    Path runDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunLock.Holder h = RunLock.holder(new RunDirectory(runDir));
        if (h != null) {
            throw new BadInputException(RunLock.inUse(new RunDirectory(runDir), h));
        }
        var files = Reports.write(runDir);
        spec.commandLine().getOut().println("wrote " + files.stream().map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", ")) + " in " + runDir);
        return 0;
    }
}
