package dev.sparksweep.bench;

import dev.sparksweep.app.SweepRun;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.common.Json;
import dev.sparksweep.common.ProcessStats;
import dev.sparksweep.config.SearchConfig;
import dev.sparksweep.config.SearchConfig.Sampler;
import dev.sparksweep.config.SearchConfig.Strategy;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.TrialStatus;
import dev.sparksweep.worker.Monitor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code scripts/bench --strategies random,tpe --seeds 10 CONFIG}: each strategy once per sampler seed, on the
 * config's space, data and training seed, so that only the choice of candidates differs between runs. Where the
 * space is finite (and small) its grid runs once first, and each run is scored by whether it ran the grid's best
 * candidates. Runs go seed by seed, the strategies side by side, so that load drifts alike on all of them.
 */
public final class StrategyBench {
    /** The largest grid run as the reference. */
    static final int MAX_REFERENCE_GRID = 200;

    /**
     * One strategy of {@code --strategies}: {@code random}, {@code tpe}, {@code halving} or {@code halving+tpe},
     * optionally {@code :N} for its max_trials (else the config's).
     */
    public record Arm(String label, Strategy strategy, Sampler sampler, Integer maxTrials) {
        public static Arm parse(String s) {
            String[] parts = s.split(":", -1);
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            Strategy strategy;
            Sampler sampler = Sampler.RANDOM;
            switch (name) {
                case "random" -> strategy = Strategy.RANDOM;
                case "tpe" -> strategy = Strategy.TPE;
                case "halving" -> strategy = Strategy.HALVING;
                case "halving+tpe" -> {
                    strategy = Strategy.HALVING;
                    sampler = Sampler.TPE;
                }
                default -> throw new BadInputException("--strategies: each must be random, tpe, halving or "
                        + "halving+tpe, optionally with :N trials, but got " + s);
            }
            Integer n = null;
            if (parts.length > 2 || parts.length == 2 && !parts[1].trim().matches("[1-9][0-9]{0,8}")) {
                throw new BadInputException("--strategies: the trial count after ':' must be an integer >= 1, "
                        + "but got " + s);
            }
            if (parts.length == 2) {
                n = Integer.parseInt(parts[1].trim());
            }
            return new Arm(n == null ? name : name + ":" + n, strategy, sampler, n);
        }

        SearchConfig search(SearchConfig base, long samplerSeed) {
            int n = maxTrials != null ? maxTrials : base.maxTrials();
            boolean halving = strategy == Strategy.HALVING;
            boolean keepsHalving = base.strategy() == Strategy.HALVING;
            return new SearchConfig(strategy, base.objective(), n, base.maxTime(), base.trialTimeout(), base.seed(),
                    halving && keepsHalving ? base.minEpochs() : 1, halving && keepsHalving ? base.eta() : 3,
                    base.ordered() && (halving || strategy == Strategy.TPE), base.startupTrials(), sampler,
                    samplerSeed);
        }
    }

    /** One run of one arm. */
    public record Run(String arm, long samplerSeed, String runDir, int trials, int completed, int repeated,
                      String winner, double bestValue, double winnerTestAccuracy, long epochs, double cpuSeconds,
                      double wallSeconds, boolean foundTop1, boolean foundTop2) {
    }

    /** An arm over all seeds. */
    public record Summary(String arm, int runs, double meanBest, double medianBest, double meanTestAccuracy,
                          Integer foundTop1, Integer foundTop2, double meanEpochs, double meanCpuSeconds,
                          int repeated) {
    }

    /** The grid run as the reference: its two best completed candidates. */
    public record Reference(int points, List<String> top, List<Double> values, long epochs, double cpuSeconds) {
    }

    private StrategyBench() {
    }

    public static Path run(SweepConfig cfg, List<Arm> arms, int seeds, Integer parallelism, String master, Path output,
                           PrintWriter out) throws InterruptedException {
        for (Arm a : arms) {
            if (a.maxTrials() == null && cfg.search().maxTrials() == Integer.MAX_VALUE) {
                throw new BadInputException("--strategies: " + a.label() + " needs a trial budget, as " + a.label()
                        + ":N or search.max_trials in " + cfg.file() + ", but got neither");
            }
        }
        Path dir = output != null ? output : Path.of("runs", "bench", cfg.name() + "-strategies-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        String loadBefore = ProcessStats.loadAverage();
        Monitor objective = cfg.search().objective();
        out.printf(Locale.ROOT, "SparkSweep strategy bench of %s on %d cores: %s, %d sampler seeds, objective %s; "
                        + "load average before: %s%n", cfg.file(), Runtime.getRuntime().availableProcessors(),
                String.join(", ", arms.stream().map(Arm::label).toList()), seeds, objective.key(), loadBefore);
        out.flush();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("config", cfg.file().toString());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("seeds", seeds);
        report.put("load_average_before", loadBefore);

        Reference ref = null;
        if (cfg.space().isDiscrete() && cfg.space().gridSize() <= MAX_REFERENCE_GRID) {
            SearchConfig grid = new SearchConfig(Strategy.GRID, objective, Integer.MAX_VALUE, null,
                    cfg.search().trialTimeout(), cfg.search().seed(), 1, 3, false);
            SweepRun.Outcome o = execute(cfg, grid, dir.resolve("grid"), parallelism, master);
            List<TrialRecord> done = o.leaderboard().ranked().stream()
                    .filter(r -> r.status() == TrialStatus.COMPLETE).toList();
            List<TrialRecord> top = done.subList(0, Math.min(2, done.size()));
            ref = new Reference(o.leaderboard().ranked().size(), top.stream().map(TrialRecord::id).toList(),
                    top.stream().map(r -> value(r, objective)).toList(), epochs(o), o.cpuSeconds());
            out.printf(Locale.ROOT, "grid reference: %d points, %d epochs, CPU %.1f s; best %s%n", ref.points(),
                    ref.epochs(), ref.cpuSeconds(), describeTop(ref, objective));
            report.put("grid", ref);
        } else {
            out.println("grid reference: none (the space is continuous or has more than " + MAX_REFERENCE_GRID
                    + " points)");
            Bench.warmUp(cfg, dir, new Bench.Options(List.of(), List.of(), false, false, true, master, dir),
                    java.util.Collections.singletonList(parallelism), java.util.Collections.singletonList(null));
        }
        out.flush();

        boolean finite = ref != null;
        List<Run> runs = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            for (Arm a : arms) {
                Path runDir = dir.resolve(a.label().replace(':', '-').replace('+', '-') + "-s" + seed);
                SweepRun.Outcome o = execute(cfg, a.search(cfg.search(), seed), runDir, parallelism, master);
                Run r = score(a.label(), seed, o, objective, ref);
                runs.add(r);
                out.printf(Locale.ROOT, "  seed %2d %-12s %3d trials, best %s %.4f (%s), test %.4f, %5d epochs, "
                                + "CPU %6.1f s, repeated %d%s%n", seed, a.label(), r.trials(), objective.key(),
                        r.bestValue(), r.winner(), r.winnerTestAccuracy(), r.epochs(), r.cpuSeconds(), r.repeated(),
                        !finite ? "" : r.foundTop1() ? ", ran the grid's best" : r.foundTop2()
                                ? ", ran the grid's second" : "");
                out.flush();
            }
        }
        List<Summary> summaries = arms.stream().map(a -> summarise(a.label(),
                runs.stream().filter(r -> r.arm().equals(a.label())).toList(), finite)).toList();
        out.println();
        out.print(table(summaries, objective, seeds));
        String loadAfter = ProcessStats.loadAverage();
        out.println("load average after: " + loadAfter);
        report.put("runs", runs);
        report.put("summaries", summaries);
        report.put("load_average_after", loadAfter);
        try {
            Files.createDirectories(dir);
            Json.PRETTY.writeValue(dir.resolve("bench.json").toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("bench report: " + dir.resolve("bench.json"));
        return dir;
    }

    private static SweepRun.Outcome execute(SweepConfig cfg, SearchConfig search, Path runDir, Integer parallelism,
                                            String master) throws InterruptedException {
        SweepConfig c = new SweepConfig(cfg.file(), cfg.name(), cfg.data(), search, cfg.space(), cfg.execution(),
                cfg.history(), cfg.output());
        return SweepRun.execute(c, new SweepRun.Options(runDir.toString(), master, parallelism, null, false, false, true),
                new PrintWriter(java.io.Writer.nullWriter()));
    }

    static Run score(String arm, long seed, SweepRun.Outcome o, Monitor objective, Reference ref) {
        List<TrialRecord> all = o.leaderboard().ranked();
        Set<String> ids = new HashSet<>();
        Set<String> completed = new HashSet<>();
        for (TrialRecord r : all) {
            ids.add(r.id());
            if (r.status() == TrialStatus.COMPLETE) {
                completed.add(r.id());
            }
        }
        TrialRecord w = o.leaderboard().winner();
        boolean top1 = ref != null && !ref.top().isEmpty() && completed.contains(ref.top().get(0));
        boolean top2 = ref != null && ref.top().stream().anyMatch(completed::contains);
        return new Run(arm, seed, o.runDir().toString(), all.size(), completed.size(), all.size() - ids.size(),
                w == null ? null : w.id(), w == null ? Double.NaN : value(w, objective),
                o.test() == null ? Double.NaN : o.test().accuracy(), epochs(o), o.cpuSeconds(), o.wallSeconds(),
                top1, top2);
    }

    static Summary summarise(String arm, List<Run> runs, boolean finite) {
        double[] best = runs.stream().mapToDouble(Run::bestValue).toArray();
        return new Summary(arm, runs.size(), Arrays.stream(best).average().orElse(Double.NaN), median(best),
                runs.stream().mapToDouble(Run::winnerTestAccuracy).average().orElse(Double.NaN),
                finite ? (int) runs.stream().filter(Run::foundTop1).count() : null,
                finite ? (int) runs.stream().filter(Run::foundTop2).count() : null,
                runs.stream().mapToLong(Run::epochs).average().orElse(Double.NaN),
                runs.stream().mapToDouble(Run::cpuSeconds).average().orElse(Double.NaN),
                runs.stream().mapToInt(Run::repeated).sum());
    }

    static String table(List<Summary> summaries, Monitor objective, int seeds) {
        StringBuilder sb = new StringBuilder();
        String best = "best " + objective.key();
        sb.append(String.format(Locale.ROOT, "%-14s %5s %14s %14s %10s %12s %12s %10s %10s %9s%n", "strategy", "runs",
                "mean " + best.substring(5), "median", "test acc", "grid's best", "grid's top 2", "epochs", "CPU s",
                "repeated"));
        for (Summary s : summaries) {
            sb.append(String.format(Locale.ROOT, "%-14s %5d %14.4f %14.4f %10.4f %12s %12s %10.0f %10.1f %9d%n",
                    s.arm(), s.runs(), s.meanBest(), s.medianBest(), s.meanTestAccuracy(),
                    s.foundTop1() == null ? "-" : s.foundTop1() + "/" + seeds,
                    s.foundTop2() == null ? "-" : s.foundTop2() + "/" + seeds, s.meanEpochs(), s.meanCpuSeconds(),
                    s.repeated()));
        }
        sb.append("(means per run over the sampler seeds; \"grid's best\": runs that completed the grid's best "
                + "candidate, \"grid's top 2\": one of its two best; repeated: candidates run twice in one search)\n");
        return sb.toString();
    }

    private static String describeTop(Reference ref, Monitor objective) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ref.top().size(); i++) {
            parts.add(String.format(Locale.ROOT, "%s (%s %.4f)", ref.top().get(i), objective.key(),
                    ref.values().get(i)));
        }
        return String.join(", ", parts);
    }

    static double value(TrialRecord r, Monitor objective) {
        return r.value(objective);
    }

    private static long epochs(SweepRun.Outcome o) {
        return o.leaderboard().ranked().stream().mapToLong(TrialRecord::epochsTrained).sum();
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
