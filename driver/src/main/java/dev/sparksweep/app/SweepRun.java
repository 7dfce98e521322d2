package dev.sparksweep.app;

import dev.sparksweep.search.TrialExecutor;
import dev.sparksweep.search.SearchRunner;
import dev.sparksweep.common.Versions;
import dev.sparksweep.common.ProcessStats;
import dev.sparksweep.common.Sha256;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.ExecutionConfig;
import dev.sparksweep.config.ResolvedConfig;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.data.Preprocessing;
import dev.sparksweep.report.Reports;
import dev.sparksweep.results.Json;
import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.results.ModelStore;
import dev.sparksweep.results.ResultStore;
import dev.sparksweep.results.TestEvaluation;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.search.Strategies;
import dev.sparksweep.spark.SparkContexts;
import dev.sparksweep.spark.DataParallelEngine;
import dev.sparksweep.spark.DataParallelTrialExecutor;
import dev.sparksweep.spark.SparkTrialExecutor;
import dev.sparksweep.worker.Backend;
import dev.sparksweep.worker.Engine;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;

/** {@code sweep run}: one search from a validated config to a finished run directory. */
public final class SweepRun {

    /**
     * Command-line overrides; null means "as the config says".
     *
     * @param resume continue the run in the output directory: trials in its journal are not trained again
     */
    public record Options(Path output, String master, Integer parallelism, Engine engine, boolean force,
                          boolean resume, boolean quiet) {
        public Options(Path output, String master, Integer parallelism, Engine engine, boolean force) {
            this(output, master, parallelism, engine, force, false, false);
        }

        public Options(Path output, String master, Integer parallelism, Engine engine, boolean force,
                       boolean resume) {
            this(output, master, parallelism, engine, force, resume, false);
        }
    }

    /**
     * @param wallSeconds the whole run, Spark start-up and the winner's test included
     * @param searchSeconds from the first candidate submitted to the last result
     * @param cpuSeconds CPU of the driver JVM and its live descendant processes during the whole run
     */
    public record Outcome(Path runDir, Leaderboard leaderboard, TestEvaluation test, double wallSeconds,
                          double searchSeconds, double cpuSeconds, int parallelism, String master, Engine engine) {
    }

    private SweepRun() {
    }

    public static Outcome execute(SweepConfig cfg, Options opt, PrintWriter out) throws InterruptedException {
        return execute(cfg, opt, out, r -> { });
    }

    /** As above, with {@code observer} called on the driver thread after each trial is journalled. */
    public static Outcome execute(SweepConfig cfg, Options opt, PrintWriter console, Consumer<TrialRecord> observer)
            throws InterruptedException {
        PrintWriter out = opt.quiet() ? new PrintWriter(java.io.Writer.nullWriter()) : console;
        Instant started = Instant.now();
        long cpu0 = ProcessStats.processTreeCpuNanos();
        Path runDir = opt.output() != null ? opt.output() : Path.of(cfg.output().dir());
        boolean dataParallel = cfg.execution().mode() == ExecutionConfig.Mode.DATA_PARALLEL;
        if (dataParallel && opt.parallelism() != null && opt.parallelism() > 1) {
            throw new BadInputException("--parallelism: must be 1 with execution.mode data_parallel (one candidate "
                    + "at a time, across every executor), but got " + opt.parallelism());
        }
        if (dataParallel && opt.engine() == Engine.JVM) {
            throw new BadInputException("--engine: must be auto or dl4j with execution.mode data_parallel (it trains "
                    + "with dl4j-spark), but got jvm");
        }
        if (!opt.resume()) {
            checkRunDir(runDir, opt.force());
        }
        SearchStrategy strategy = Strategies.create(cfg.search(), cfg.space());
        JavaSparkContext sc = SparkContexts.create("sparksweep " + cfg.name(), opt.master(), cfg.execution().master());
        try {
            // Spark reads the data, so it starts first; nothing is written until the data has passed its checks.
            PreparedData data = PreparedData.prepare(cfg.data(), SparkContexts.session(sc));
            List<TrialRecord> done = new ArrayList<>();
            if (opt.resume()) {
                done.addAll(Resume.check(runDir, cfg, data.sources().sha256(), strategy));
            } else {
                prepareRunDir(runDir, opt.force(), cfg, data.sources().sha256());
            }
            out.printf("SparkSweep %s: search %s, %d candidates (%s)%n", Versions.sparksweep(), cfg.name(),
                    strategy.plannedTrials() + done.size(), lower(cfg.search().strategy()));
            out.println("data " + data.summary());
            if (!strategy.note().isBlank()) {
                out.println("note: " + strategy.note());
            }
            if (opt.resume()) {
                out.printf("resuming %s: %d trials already in the journal, %d to train%n", runDir, done.size(),
                        strategy.plannedTrials());
            }
            int parallelism = dataParallel ? 1 : opt.parallelism() != null ? opt.parallelism()
                    : cfg.execution().parallelism() > 0 ? cfg.execution().parallelism() : sc.defaultParallelism();
            Engine engine = dataParallel ? Engine.DL4J : opt.engine() != null ? opt.engine()
                    : cfg.execution().engine();
            String engineKey = dataParallel ? DataParallelEngine.KEY : engine.key();
            out.printf("spark %s, master %s, %d candidates in flight, engine %s; run directory %s%n", sc.version(),
                    sc.master(), parallelism, engineKey, runDir);
            Comparator<TrialRecord> order = Leaderboard.order(cfg.search().objective());
            ModelStore models = new ModelStore(runDir, cfg.output().keepModels(), data.training().numFeatures(),
                    data.training().numClasses(), order);
            List<TrialRecord> records = new ArrayList<>(done);
            done.forEach(models::adopt);
            ProgressView progress = ProgressView.of(opt.quiet() ? ProgressView.Mode.QUIET : ProgressView.Mode.AUTO,
                    out, strategy.plannedTrials(), cfg.search().objective());
            long searchStart = System.nanoTime();
            try (ResultStore journal = ResultStore.open(runDir);
                 TrialExecutor executor = dataParallel
                         ? new DataParallelTrialExecutor(sc, data.training(), cfg.execution().dataParallel(),
                         exportRoot(cfg, sc), cfg.search().trialTimeout())
                         : new SparkTrialExecutor(sc, data.training(), engine, cfg.search().trialTimeout(),
                         parallelism);
                 progress) {
                if (executor instanceof DataParallelTrialExecutor dp) {
                    out.println(dp.describe());
                }
                TrialExecutor watched = new TrialExecutor() {
                    @Override
                    public java.util.concurrent.CompletableFuture<dev.sparksweep.worker.TrialResult> submit(
                            dev.sparksweep.worker.TrialRequest request) {
                        progress.started();
                        return executor.submit(request);
                    }

                    @Override
                    public void close() {
                    }
                };
                new SearchRunner(strategy, watched, parallelism, cfg.search().maxTime(),
                        cfg.search().ordered()).run(result -> {
                    TrialRecord record = TrialRecord.of(result, Instant.now());
                    journal.append(record);
                    models.offer(result, record);
                    records.add(record);
                    progress.finished(record);
                    observer.accept(record);
                });
            }
            double searchSeconds = (System.nanoTime() - searchStart) / 1e9;
            Leaderboard board = Leaderboard.of(records, cfg.search().objective());
            TestEvaluation test = board.winner() == null ? null : evaluateWinner(board.winner(), models, data, runDir);
            double wall = java.time.Duration.between(started, Instant.now()).toMillis() / 1000.0;
            double cpuSeconds = (ProcessStats.processTreeCpuNanos() - cpu0) / 1e9;
            writeProvenance(runDir, cfg, data, sc, parallelism, engineKey, board, test, started, wall, cpuSeconds);
            Reports.write(runDir);
            out.println();
            out.println(board.table(10, false).stripTrailing());
            if (board.ranked().size() > 10) {
                out.println("... " + (board.ranked().size() - 10) + " more in " + runDir.resolve("leaderboard.md"));
            }
            out.printf(Locale.ROOT, "%d complete, %d pruned, %d failed in %.1f s wall, %.1f CPU-s%n",
                    board.count(TrialStatus.COMPLETE), board.count(TrialStatus.PRUNED),
                    board.count(TrialStatus.FAILED), wall, cpuSeconds);
            if (test == null) {
                out.println("no trial completed, so there is no winner to test");
            } else {
                out.printf(Locale.ROOT, "winner %s: val_accuracy %.4f, test accuracy %.4f, test macro F1 %.4f -> %s%n",
                        test.trialId(), board.winner().valAccuracy(), test.accuracy(), test.macroF1(),
                        runDir.resolve("best"));
            }
            return new Outcome(runDir, board, test, wall, searchSeconds, cpuSeconds, parallelism, sc.master(),
                    engine);
        } finally {
            sc.stop();
        }
    }

    /**
     * Where dl4j-spark exports a data-parallel trial's mini-batches: execution.data_parallel.export_dir, or a
     * scratch folder under java.io.tmpdir; one folder per application, removed at the end of the run.
     */
    static String exportRoot(SweepConfig cfg, JavaSparkContext sc) {
        String base = cfg.execution().dataParallel().exportDir();
        String app = cfg.name() + "-" + sc.sc().applicationId();
        if (base == null) {
            return Path.of(System.getProperty("java.io.tmpdir"), "sparksweep-scratch", app).toUri().toString();
        }
        return (base.endsWith("/") ? base : base + "/") + app;
    }

    /** The config's data, checked, split and scaled, read by a short-lived Spark context when not built in. */
    public static PreparedData prepareData(SweepConfig cfg, String master) {
        if (cfg.data().builtin()) {
            return PreparedData.prepare(cfg.data(), null);
        }
        JavaSparkContext sc = SparkContexts.create("sparksweep " + cfg.name() + " (data)", master, "local[*]");
        try {
            return PreparedData.prepare(cfg.data(), SparkContexts.session(sc));
        } finally {
            sc.stop();
        }
    }

    private static void checkRunDir(Path runDir, boolean force) {
        if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
            throw new BadInputException(runDir + ": the run directory must be a directory, but got a file");
        }
        if (!force && Files.isDirectory(runDir) && !isEmpty(runDir)) {
            throw new BadInputException(runDir + ": the run directory must be new or empty (pass --resume to "
                    + "continue it, --force to replace it, or --output DIR), but got one that holds an earlier run");
        }
    }

    private static void prepareRunDir(Path runDir, boolean force, SweepConfig cfg, String dataSha256) {
        try {
            if (force && Files.isDirectory(runDir)) {
                try (Stream<Path> walk = Files.walk(runDir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(runDir)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(runDir);
            Files.copy(cfg.file(), runDir.resolve("config.yaml"));
            Json.PRETTY.writeValue(runDir.resolve("config-resolved.json").toFile(), ResolvedConfig.of(cfg));
            Resume.writeFingerprint(runDir, cfg, dataSha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestEvaluation evaluateWinner(TrialRecord winner, ModelStore models, PreparedData data,
                                                 Path runDir) {
        TestEvaluation test = TestEvaluation.evaluate(winner.id(), models.load(winner.id()), data.testX(),
                data.testY(), data.training().numFeatures(), data.dataset().labelNames());
        Path best = runDir.resolve("best");
        try {
            Files.createDirectories(best);
            Files.copy(models.file(winner.id()), best.resolve("model.zip"), StandardCopyOption.REPLACE_EXISTING);
            Json.PRETTY.writeValue(best.resolve("test-metrics.json").toFile(), test);
            Json.PRETTY.writeValue(best.resolve("preprocessing.json").toFile(), Preprocessing.of(winner.id(), data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return test;
    }

    private static void writeProvenance(Path runDir, SweepConfig cfg, PreparedData data, JavaSparkContext sc,
                                        int parallelism, String engine, Leaderboard board, TestEvaluation test,
                                        Instant started,
                                        double wall, double cpu) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", cfg.name());
        p.put("sparksweep_version", Versions.sparksweep());
        p.put("java_version", System.getProperty("java.version"));
        p.put("spark_version", sc.version());
        p.put("dl4j_version", Versions.dl4j());
        p.put("nd4j_backend", Backend.describe());
        p.put("master", sc.master());
        p.put("app_id", sc.sc().applicationId());
        p.put("parallelism", parallelism);
        p.put("engine", engine);
        p.put("mode", lower(cfg.execution().mode()));
        p.put("search_seed", cfg.search().seed());
        p.put("split_seed", cfg.data().split().seed());
        p.put("config_file", cfg.file().toString());
        p.put("config_sha256", Sha256.hex(cfg.file()));
        p.put("data_source", data.dataset().source());
        p.put("data_sha256", data.sources().sha256());
        p.put("data_rows", data.dataset().rows());
        p.put("data_rows_dropped", data.dataset().dropped());
        p.put("label_names", data.dataset().labelNames());
        p.put("started_at", started.toString());
        p.put("finished_at", Instant.now().toString());
        p.put("wall_seconds", wall);
        p.put("cpu_seconds", cpu);
        p.put("trials_complete", board.count(TrialStatus.COMPLETE));
        p.put("trials_failed", board.count(TrialStatus.FAILED));
        p.put("trials_pruned", board.count(TrialStatus.PRUNED));
        p.put("epochs_trained", board.ranked().stream().mapToInt(TrialRecord::epochsTrained).sum());
        p.put("winner", test == null ? null : test.trialId());
        p.put("winner_test_accuracy", test == null ? null : test.accuracy());
        try {
            Json.PRETTY.writeValue(runDir.resolve("run.json").toFile(), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
