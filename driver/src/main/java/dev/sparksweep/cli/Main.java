package dev.sparksweep.cli;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.common.Phases;
import dev.sparksweep.common.RunFault;
import dev.sparksweep.common.Versions;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sweep}: the command line. Exit codes: 0 done, 1 an internal error, 2 bad input refused before work, 3 a
 * file of the run could not be written or read during the run, 4 a search in which no trial completed.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Distributed hyperparameter search for feed-forward networks on Spark with Deeplearning4j.",
        subcommands = {RunCommand.class, ValidateCommand.class, PredictCommand.class, ReportCommand.class,
            BenchCommand.class, GpuCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;
    public static final int RUN_FAULT = 3;
    public static final int NO_TRIAL_COMPLETED = 4;

    private boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "show Spark's own INFO logging (quiet by default: warnings and errors only)")
    void verbose(boolean on) {
        verbose = on;
        Logging.level(on);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, validate, predict, report, bench, gpu)");
    }

    public static void main(String[] args) {
        Phases.mark("jvm start");
        int code = run(args, System.out, System.err);
        Phases.mark("exit");
        Phases.table().forEach(System.err::println);
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Logging.level(false);
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("sweep: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (main.verbose) {
                ex.printStackTrace(c.getErr());
            }
            if (ex instanceof BadInputException) {
                c.getErr().println("sweep: " + ex.getMessage());
                return BAD_INPUT;
            }
            RunFault fault = RunFault.in(ex);
            if (fault != null) {
                c.getErr().println("sweep: " + fault.getMessage());
                return RUN_FAULT;
            }
            c.getErr().println("sweep: internal error: " + ex + (main.verbose ? "" : " (--verbose shows where)"));
            return INTERNAL;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sparksweep " + Versions.sparksweep() + " (Spark " + Versions.spark() + ", DL4J "
                    + Versions.dl4j() + ", Java " + System.getProperty("java.version") + ")"};
        }
    }
}
