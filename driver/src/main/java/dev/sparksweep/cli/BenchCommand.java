package dev.sparksweep.cli;

import dev.sparksweep.bench.Bench;
import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.worker.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark a search (and optionally Spark MLlib's tuner and single steps) in one invocation.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", arity = "0..1", description = "the search (default: "
            + "configs/digits-lesson.yaml)")
    Path config = Path.of("configs", "digits-lesson.yaml");

    @Option(names = "--baseline", paramLabel = "mllib", description = "also run Spark MLlib's "
            + "TrainValidationSplit over MultilayerPerceptronClassifier on the same split")
    String baseline;

    @Option(names = "--parallelism", paramLabel = "N[,N...]", split = ",",
            description = "run the search once per value, e.g. 1,2 for the scaling figure")
    List<Integer> parallelism = new ArrayList<>();

    @Option(names = "--engines", paramLabel = "E[,E...]", split = ",", converter = EngineConverter.class,
            description = "run the search once per engine, e.g. dl4j,jvm (default: execution.engine)")
    List<Engine> engines = new ArrayList<>();

    @Option(names = "--steps", description = "also run the step micro-benchmark")
    boolean steps;

    @Option(names = "--steps-only", description = "run only the step micro-benchmark")
    boolean stepsOnly;

    @CommandLine.Mixin
    MasterOption spark = new MasterOption();

    @Option(names = "--output", paramLabel = "DIR", description = "where bench.json and the runs go "
            + "(default: runs/bench/NAME-TIMESTAMP)")
    Path output;

    @Option(names = "--data-parallel", paramLabel = "ROWS", description = "instead: one candidate on a generated "
            + "ROWS x 64 data set, per-candidate against data-parallel on --master (e.g. the local cluster)")
    Integer dataParallelRows;

    @Option(names = "--table", paramLabel = "ROWS", arity = "0..1", fallbackValue = "200000", description = "instead: "
            + "the 8-candidate grid at batch 32 on a generated ROWS x 32 table (default 200000), JVM against DL4J "
            + "engine: CPU s per epoch per 1,000 rows and the ratio to the FLOP floor")
    Integer tableRows;

    @Option(names = "--strategies", paramLabel = "S[:N][,S[:N]...]", split = ",",
            description = "instead: compare strategies (random, tpe, halving, halving+tpe) on CONFIG's space, each "
                    + "once per sampler seed; :N sets its max_trials, e.g. random:48,tpe:24")
    List<String> strategies = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", description = "with --strategies: sampler seeds 1..N (default 10)")
    Integer seeds;

    @Option(names = "--paused", paramLabel = "N", description = "instead: the driver's heap with N paused halving "
            + "trials of a 784-256-10 net, their state in memory against in checkpoints/ (under --output)")
    Integer paused;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        dev.sparksweep.worker.gpu.Cuda.hideFromNd4j(); // CPU work: a CUDA jar on the classpath is not probed
        if (baseline != null && !baseline.equals("mllib")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--baseline: must be mllib, but got " + baseline);
        }
        parallelism.forEach(p -> Rules.atLeastOne(spec, "--parallelism", p, "must be integers >= 1"));
        Rules.atLeastOne(spec, "--seeds", seeds, "must be an integer >= 1");
        if (seeds != null && strategies.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seeds: applies with --strategies only");
        }
        if (!strategies.isEmpty()) {
            if (parallelism.size() > 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--parallelism: takes one value with --strategies, but got " + parallelism.size());
            }
            List<dev.sparksweep.bench.StrategyBench.Arm> arms = strategies.stream()
                    .map(dev.sparksweep.bench.StrategyBench.Arm::parse).toList();
            dev.sparksweep.bench.StrategyBench.run(ConfigLoader.load(config), arms, seeds == null ? 10 : seeds,
                    parallelism.isEmpty() ? null : parallelism.get(0), spark.master, output,
                    spec.commandLine().getOut());
            return 0;
        }
        if (paused != null) {
            Rules.atLeastOne(spec, "--paused", paused, "must be an integer >= 1");
            dev.sparksweep.bench.PausedHeap.run(paused, output != null ? output : Path.of("runs", "bench", "paused"),
                    spec.commandLine().getOut());
            return 0;
        }
        if (dataParallelRows != null) {
            if (dataParallelRows < 1000) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--data-parallel: must be an integer >= 1000, but got " + dataParallelRows);
            }
            dev.sparksweep.bench.DataParallelBench.run(dataParallelRows, spark.master == null ? "local[*]" : spark.master,
                    output != null ? output : Path.of("runs", "bench", "data-parallel"), spec.commandLine().getOut());
            return 0;
        }
        if (tableRows != null) {
            if (tableRows < 1000) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--table: must be an integer >= 1000, but got " + tableRows);
            }
            dev.sparksweep.bench.TableBench.run(tableRows, spark.master == null ? "local[*]" : spark.master,
                    output != null ? output : Path.of("runs", "bench", "table"), spec.commandLine().getOut());
            return 0;
        }
        Bench.run(ConfigLoader.load(config), new Bench.Options(engines, parallelism, baseline != null && !stepsOnly,
                steps || stepsOnly, !stepsOnly, spark.master, output), spec.commandLine().getOut());
        return 0;
    }
}
