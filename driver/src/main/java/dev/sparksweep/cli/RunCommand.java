package dev.sparksweep.cli;

import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.app.SweepRun;
import dev.sparksweep.worker.Engine;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the search a config describes and write its run directory.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "the search config (YAML)")
    Path config;

    @Option(names = "--output", paramLabel = "DIR", description = "run directory: a path or an hdfs://, s3a://, file:// URI "
            + "(default: output.dir)")
    String output;

    @CommandLine.Mixin
    MasterOption spark = new MasterOption();

    @Option(names = "--parallelism", paramLabel = "N", description = "candidates in flight (default: execution"
            + ".parallelism, auto = the executors' total cores)")
    Integer parallelism;

    @Option(names = "--engine", paramLabel = "auto|dl4j|jvm", converter = EngineConverter.class,
            description = "training engine (default: execution.engine)")
    Engine engine;

    @Option(names = "--force", description = "replace an existing run directory")
    boolean force;

    @Option(names = "--resume", description = "continue the run in the run directory after its driver stopped: "
            + "trials in its journal are not trained again")
    boolean resume;

    @Option(names = "--quiet", description = "print nothing but errors (no progress, no leaderboard); the run "
            + "directory holds everything")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        dev.sparksweep.common.Phases.mark("command line");
        if (force && resume) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--force and --resume: only one may be given, but got both");
        }
        Rules.atLeastOne(spec, "--parallelism", parallelism, "must be an integer >= 1");
        SweepConfig cfg = ConfigLoader.load(config);
        SweepRun.Outcome done = SweepRun.execute(cfg, new SweepRun.Options(output, spark.master, parallelism, engine,
                force, resume, quiet), spec.commandLine().getOut());
        return done.leaderboard().winner() == null ? Main.NO_TRIAL_COMPLETED : 0;
    }
}
