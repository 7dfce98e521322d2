package dev.sparksweep.cli;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.report.Reports;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.RunLock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a run's reports again from its journal: leaderboard.csv, leaderboard.md and report.html "
                + "(also for a run that was stopped).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "a run directory: a path or an hdfs://, s3a://, file:// URI")
    String runDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunDirectory dir = RunDirectory.at(runDir).reachable();
        RunLock.Holder h = RunLock.holder(dir);
        if (h != null) {
            throw new BadInputException(RunLock.inUse(dir, h));
        }
        Reports.write(dir);
        spec.commandLine().getOut().println("wrote " + String.join(", ", Reports.FILES) + " in " + dir);
        return 0;
    }
}
