package dev.sparksweep.bench;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.common.ProcessStats;
import dev.sparksweep.config.SearchConfig;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.worker.Engine;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.common.Json;
import dev.sparksweep.app.SweepRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/bench}: runs a config's search once per parallelism asked for, optionally the MLlib baseline
 * and the step micro-benchmark, all in this one invocation, and prints and saves (bench.json) what it measured,
 * with the load average before and after.
 */
public final class Bench {
    /**
     * @param engines one search per engine (and per parallelism); empty means the config's own
     * @param parallelisms one search per entry; empty means the config's own
     */
    public record Options(List<Engine> engines, List<Integer> parallelisms, boolean mllib, boolean steps,
                          boolean searchToo, String master, Path output) {
    }

    private Bench() {
    }

    public static Path run(SweepConfig cfg, Options opt, PrintWriter out) throws InterruptedException {
        if (opt.mllib() && !cfg.data().builtin()) {
            throw new dev.sparksweep.common.BadInputException("--baseline mllib: compares on builtin:digits only, "
                    + "but data.source is " + cfg.data().source());
        }
        String loadBefore = ProcessStats.loadAverage();
        Path dir = opt.output() != null ? opt.output() : Path.of("runs", "bench",
                cfg.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        out.printf("SparkSweep bench of %s on %d cores; load average before: %s%n", cfg.file(),
                Runtime.getRuntime().availableProcessors(), loadBefore);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("config", cfg.file().toString());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("jvm_options", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> !a.startsWith("--add-opens")).toList());
        report.put("load_average_before", loadBefore);

        if (opt.steps()) {
            out.println();
            out.println("step micro-benchmark (one thread, Adam, float32):");
            List<StepBenchmark.Row> rows = StepBenchmark.run(List.of(Engine.DL4J, Engine.JVM), StepBenchmark.NETS,
                    StepBenchmark.BATCHES, 2.5);
            out.print(StepBenchmark.table(rows));
            report.put("steps", rows);
        }
        List<SearchCost> searches = new ArrayList<>();
        if (opt.searchToo()) {
            List<Integer> ps = opt.parallelisms().isEmpty() ? java.util.Collections.singletonList(null)
                    : opt.parallelisms();
            List<Engine> engines = opt.engines().isEmpty() ? java.util.Collections.singletonList(null)
                    : opt.engines();
            if (ps.size() * engines.size() > 1) {
                warmUp(cfg, dir, opt, ps, engines);
            }
            for (Engine e : engines) {
                for (Integer p : ps) {
                    Path runDir = dir.resolve("search" + (e == null ? "" : "-" + e.key()) + (p == null ? "" : "-p" + p));
                    List<Double> rss = new ArrayList<>();
                    rss.add(ProcessStats.residentMib());
                    out.println();
                    SweepRun.Outcome o = SweepRun.execute(cfg, new SweepRun.Options(runDir.toString(), opt.master(), p, e,
                            false), out, r -> rss.add(ProcessStats.residentMib()));
                    SearchCost cost = SearchCost.of(o, rss);
                    searches.add(cost);
                    out.println();
                    out.print(describe(cost));
                }
            }
            report.put("searches", searches);
            compare(searches, out);
        }
        if (opt.mllib()) {
            out.println();
            out.println("baseline: Spark MLlib TrainValidationSplit over MultilayerPerceptronClassifier (l-bfgs), "
                    + "layers [64,w,10] and [64,w,w,10] for w in 32/64/128, maxIter 50/100");
            int parallelism = searches.isEmpty() ? Runtime.getRuntime().availableProcessors()
                    : searches.get(searches.size() - 1).parallelism();
            String master = searches.isEmpty() ? (opt.master() != null ? opt.master() : cfg.execution().master())
                    : searches.get(searches.size() - 1).master();
            MllibBaseline.Result b = MllibBaseline.run(PreparedData.prepare(cfg.data(), null), master, parallelism,
                    cfg.search().seed());
            report.put("mllib", b);
            out.printf(Locale.ROOT, "  %d candidates, wall %.1f s, CPU %.1f s, %.1f candidates/min; best %s "
                            + "maxIter %d (validation %.4f), test accuracy %.4f%n", b.candidates(), b.wallSeconds(),
                    b.cpuSeconds(), b.candidatesPerMinute(), b.bestLayers(), b.bestMaxIter(),
                    b.bestValidationAccuracy(), b.testAccuracy());
            if (!searches.isEmpty()) {
                SearchCost s = searches.get(searches.size() - 1);
                out.println();
                out.printf("%-22s %12s %10s %16s %14s%n", "", "candidates", "CPU s", "candidates/min",
                        "test accuracy");
                out.printf(Locale.ROOT, "%-22s %12d %10.1f %16.1f %14.4f%n", "sparksweep (" + s.engine() + ")",
                        s.candidates(),
                        s.cpuSeconds(), s.candidatesPerMinute(), s.winnerTestAccuracy());
                out.printf(Locale.ROOT, "%-22s %12d %10.1f %16.1f %14.4f%n", "mllib tuner", b.candidates(),
                        b.cpuSeconds(), b.candidatesPerMinute(), b.testAccuracy());
                out.printf(Locale.ROOT, "%-22s %12s %10s %16s %14s%n", "ratio sparksweep/mllib",
                        String.format(Locale.ROOT, "%.2fx", (double) s.candidates() / b.candidates()),
                        String.format(Locale.ROOT, "%.2fx", s.cpuSeconds() / b.cpuSeconds()),
                        String.format(Locale.ROOT, "%.2fx", s.candidatesPerMinute() / b.candidatesPerMinute()),
                        String.format(Locale.ROOT, "%+.4f", s.winnerTestAccuracy() - b.testAccuracy()));
            }
        }
        String loadAfter = ProcessStats.loadAverage();
        report.put("load_average_after", loadAfter);
        out.println();
        out.println("load average after: " + loadAfter);
        try {
            Files.createDirectories(dir);
            Json.PRETTY.writeValue(dir.resolve("bench.json").toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("bench report: " + dir.resolve("bench.json"));
        return dir;
    }

    /**
     * A short search before searches that are compared with each other, so that the first of them does not
     * pay alone for JIT compilation and ND4J's start-up.
     */
    static void warmUp(SweepConfig cfg, Path dir, Options opt, List<Integer> ps, List<Engine> engines)
            throws InterruptedException {
        int most = ps.stream().filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).max()
                .orElse(Runtime.getRuntime().availableProcessors());
        SweepConfig small = new SweepConfig(cfg.file(), cfg.name(), cfg.data(),
                new SearchConfig(cfg.search().strategy(), cfg.search().objective(), 2 * most, null,
                        cfg.search().trialTimeout(), cfg.search().seed(), cfg.search().minEpochs(),
                        cfg.search().eta(), cfg.search().ordered()),
                cfg.space().with(new Dimension.Fixed("epochs", 3)), cfg.execution(), cfg.history(), cfg.output());
        for (Engine e : engines) {
            SweepRun.execute(small, new SweepRun.Options(dir.resolve("warm-up" + (e == null ? "" : "-" + e.key())).toString(),
                    opt.master(), most, e, false), new PrintWriter(new java.io.StringWriter()));
        }
    }

    /** Ratios between the searches of one invocation: each against the first. */
    private static void compare(List<SearchCost> searches, PrintWriter out) {
        if (searches.size() < 2) {
            return;
        }
        SearchCost base = searches.get(0);
        out.println();
        for (SearchCost s : searches.subList(1, searches.size())) {
            out.printf(Locale.ROOT, "%s p%d vs %s p%d: %.2fx the candidates/min, %.2fx the CPU seconds, test accuracy "
                            + "%.4f vs %.4f%n", s.engine(), s.parallelism(), base.engine(), base.parallelism(),
                    s.candidatesPerMinute() / base.candidatesPerMinute(), s.cpuSeconds() / base.cpuSeconds(),
                    s.winnerTestAccuracy(), base.winnerTestAccuracy());
        }
    }

    static String describe(SearchCost c) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "search: %d candidates, engine %s, parallelism %d, master %s%n",
                c.candidates(), c.engine(), c.parallelism(), c.master()));
        sb.append(String.format(Locale.ROOT, "  wall %.1f s (search %.1f s), CPU %.1f s (process tree), "
                + "%.1f candidates/min%n", c.wallSeconds(), c.searchSeconds(), c.cpuSeconds(), c.candidatesPerMinute()));
        sb.append(String.format(Locale.ROOT, "  %d epochs, %d optimizer steps, %.0f steps per CPU-second%n",
                c.epochs(), c.steps(), c.stepsPerCpuSecond()));
        sb.append(String.format(Locale.ROOT, "  winner %s, test accuracy %.4f%n", c.winner(), c.winnerTestAccuracy()));
        sb.append("  where the trials' time went, summed over trials:\n");
        double total = c.jobSeconds() + c.queuedSeconds();
        row(sb, "queued on the driver", c.queuedSeconds(), total);
        row(sb, "spark job overhead", c.sparkOverheadSeconds(), total);
        row(sb, "network build", c.buildSeconds(), total);
        row(sb, "training", c.trainSeconds(), total);
        row(sb, "per-epoch evaluation", c.evalSeconds(), total);
        row(sb, "result serialisation", c.serializeSeconds(), total);
        sb.append(String.format(Locale.ROOT, "  spark overhead per trial: %.1f ms, %.2f%% of trial time%n",
                c.sparkOverheadSeconds() * 1e3 / Math.max(1, c.candidates()), 100 * c.overheadShare()));
        List<Double> rss = c.residentMib();
        if (rss.size() > 1) {
            sb.append(String.format(Locale.ROOT, "  driver resident memory: %.0f MiB before, %.0f MiB after the "
                            + "first trial, %.0f MiB halfway, %.0f MiB at the end, %.0f MiB at most%n", rss.get(0),
                    rss.get(1), rss.get(rss.size() / 2), rss.get(rss.size() - 1),
                    rss.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String what, double seconds, double total) {
        sb.append(String.format(Locale.ROOT, "    %-22s %9.2f s %6.1f%%%n", what, seconds,
                total > 0 ? 100 * seconds / total : 0));
    }
}
