package dev.sparksweep.app;

import dev.sparksweep.common.Phases;
import dev.sparksweep.common.ProcessStats;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.report.Reports;
import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.report.LiveReport;
import dev.sparksweep.results.ModelStore;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.RunLock;
import dev.sparksweep.results.TestEvaluation;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.search.Replay;
import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.search.Strategies;
import dev.sparksweep.search.TrialExecutor;
import dev.sparksweep.spark.Resources;
import dev.sparksweep.spark.SparkContexts;
import dev.sparksweep.worker.Engine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/** {@code sweep run}: the composition root of one search, from a validated config to a finished run directory. */
public final class SweepRun {

    /**
     * Command-line overrides; null means "as the config says".
     *
     * @param output the run directory: a path, or a URI of any Hadoop file system (hdfs://, s3a://)
     * @param resume continue the run in the output directory: trials in its journal are not trained again
     */
    public record Options(String output, String master, Integer parallelism, Engine engine, boolean force,
                          boolean resume, boolean quiet) {
        public Options(String output, String master, Integer parallelism, Engine engine, boolean force) {
            this(output, master, parallelism, engine, force, false, false);
        }

        public Options(String output, String master, Integer parallelism, Engine engine, boolean force,
                       boolean resume) {
            this(output, master, parallelism, engine, force, resume, false);
        }
    }

    /**
     * @param wallSeconds the whole run, Spark start-up and the winner's test included
     * @param searchSeconds from the first candidate submitted to the last result
     * @param cpuSeconds CPU of the driver JVM and its live descendant processes during the whole run
     */
    public record Outcome(String runDir, Leaderboard leaderboard, TestEvaluation test, double wallSeconds,
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
        RunConsole view = new RunConsole(out);
        Instant started = Instant.now();
        long cpu0 = ProcessStats.processTreeCpuNanos();
        cfg.execution().checkOverrides(opt.parallelism(), opt.engine());
        RunDirectory dir = RunDirectory.at(opt.output() != null ? opt.output() : cfg.output().dir());
        if (opt.resume()) {
            NewRun.inUse(dir);
        } else {
            NewRun.check(dir, opt.force(), opt.output() == null ? cfg.file() : null);
        }
        SearchStrategy strategy = Strategies.create(cfg.search(), cfg.space());
        String master = SparkContexts.master(opt.master(), cfg.execution().master());
        Resources.prepareThisJvm(cfg, master);
        Phases.mark("config and checks");
        JavaSparkContext sc = SparkContexts.create("sparksweep " + cfg.name(), opt.master(), cfg.execution().master(),
                Resources.settings(cfg.execution(), master));
        Phases.mark("spark context");
        RunLock lock = null;
        try {
            MemoryBudget.check(cfg, sc);
            // Spark reads the data, so it starts first; nothing is written until the data has passed its checks.
            PreparedData data = PreparedData.prepare(cfg.data(), SparkContexts.session(sc));
            Validation.checkMetrics(cfg, data);
            Phases.mark("data");
            lock = RunLock.acquire(dir, sc.sc().applicationId());
            if (lock.reclaimed() != null) {
                view.reclaimed(dir, lock.reclaimed());
            }
            List<TrialRecord> records = new ArrayList<>();
            Replay.Point from = Replay.Point.FRESH;
            int toTrain;
            int beyondPlan = 0;
            boolean replayed = false;
            if (opt.resume()) {
                Resume.Resumed resumed = Resume.check(dir, cfg, data.sources().sha256(), strategy);
                records.addAll(resumed.done());
                from = resumed.from();
                // a replayed strategy plans the whole search; another plans what is left
                toTrain = resumed.replayed() ? Math.max(0, strategy.plannedTrials() - records.size())
                        : strategy.plannedTrials();
                beyondPlan = resumed.replayed() ? 0 : records.size();
                replayed = resumed.replayed();
            } else {
                NewRun.start(dir, opt.force(), cfg, data.sources().sha256());
                toTrain = strategy.plannedTrials();
            }
            view.header(SearchPlan.of(cfg, strategy, beyondPlan), data,
                    dir, opt.resume() ? records.size() : -1, toTrain);
            if (replayed) {
                view.replayed(dir, from);
            }
            Execution exec = Execution.resolve(cfg, opt, sc);
            ModelStore models = new ModelStore(dir, cfg.output().keepModels(), data.training().numFeatures(),
                    data.training().numClasses(), data.regression(), Leaderboard.order(cfg.search().objective()));
            records.forEach(models::adopt);
            ProgressView progress = ProgressView.of(opt.quiet() ? ProgressView.Mode.QUIET : ProgressView.Mode.AUTO,
                    out, toTrain, cfg.search().objective());
            Phases.mark("run directory");
            long searchStart = System.nanoTime();
            TrialExecutor executor = exec.executor(cfg, sc, data);
            view.spark(sc.version(), sc.master(), exec, dir, executor.describe());
            int plannedAll = records.size() + toTrain;
            LiveReport live = new LiveReport(dir, () -> plannedAll);
            try {
                SearchLoop.run(cfg, strategy, executor, exec.parallelism(), dir, models, progress, records, from,
                        r -> {
                            observer.accept(r);
                            live.finished(records.size());
                        });
            } catch (RuntimeException | InterruptedException e) {
                live.close();
                if (live.writes() > 0) {
                    stoppedReport(dir);
                }
                throw e;
            }
            live.close();
            double searchSeconds = (System.nanoTime() - searchStart) / 1e9;
            Phases.mark("search");
            Phases.extra(String.format(java.util.Locale.ROOT, "of which live report: %d rewrites, %.2f CPU s",
                    live.writes(), live.cpuSeconds()));
            if (live.failure() != null) {
                out.println("note: " + dir.where(RunDirectory.REPORT_HTML) + ": could not be rewritten during the run ("
                        + live.failure() + "); it is written at the end");
            }

            Leaderboard board = Leaderboard.of(records, cfg.search().objective());
            TestEvaluation test = WinnerTest.run(board.winner(), models, data, dir);
            Phases.mark("winner test");
            double wall = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            double cpu = (ProcessStats.processTreeCpuNanos() - cpu0) / 1e9;
            dir.writeProvenance(Provenance.of(cfg, data, sc, exec, board, test, started, wall, cpu));
            Reports.write(dir);
            Phases.mark("reports");
            view.footer(board, test, dir, wall, cpu);
            return new Outcome(dir.toString(), board, test, wall, searchSeconds, cpu, exec.parallelism(), sc.master(),
                    exec.engine());
        } finally {
            if (lock != null) {
                lock.close();
            }
            sc.stop();
            Phases.mark("spark stop");
        }
    }

    /** A run that fails after a live report: its report.html says where it stopped, not "running". */
    private static void stoppedReport(RunDirectory dir) {
        try {
            Reports.writeHtml(dir);
        } catch (RuntimeException ignored) {
            // the run's own error is the one to report; `sweep report` can write these later
        }
    }
}
