package dev.sparksweep.bench;

import dev.sparksweep.common.ProcessStats;
import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.common.Json;
import dev.sparksweep.app.SweepRun;
import dev.sparksweep.worker.Engine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sweep bench --data-parallel ROWS}: one candidate on a generated data set of ROWS x 64 features and 10
 * classes, trained per-candidate (JVM and DL4J engines, one executor core each) and data-parallel (every
 * executor), on the same master in one invocation: wall time and test accuracy side by side.
 */
public final class DataParallelBench {
    static final int FEATURES = 64;
    static final int CLASSES = 10;

    /** One mode's result. */
    public record Row(String mode, String engine, double wallSeconds, double cpuSeconds, double testAccuracy,
                      int epochs) {
    }

    private DataParallelBench() {
    }

    public static List<Row> run(int rows, String master, Path dir, PrintWriter out) throws Exception {
        Path data = SyntheticTable.in(dir, rows, FEATURES, CLASSES);
        out.printf(Locale.ROOT, "data-parallel bench: %d rows x %d features, %d classes (%s), master %s; load "
                + "average before: %s%n", rows, FEATURES, CLASSES, data, master, ProcessStats.loadAverage());
        List<Row> out1 = new ArrayList<>();
        // the first search in a JVM pays for class loading and JIT: a one-epoch warm-up takes that cost
        String[][] modes = {{"per_candidate", "jvm", "1"}, {"per_candidate", "jvm", "5"}, {"per_candidate", "dl4j", "5"},
            {"data_parallel", "auto", "5"}};
        for (String[] m : modes) {
            boolean warmUp = m[2].equals("1");
            String name = m[0] + "-" + m[1] + (warmUp ? "-warm-up" : "");
            Path cfg = dir.resolve(name + ".yaml");
            Files.writeString(cfg, """
                    name: %s
                    data: {source: 'csv:%s', header: false, scale: standard}
                    search: {strategy: grid, seed: 42}
                    space: {hidden_layers: 1, width: 128, batch_size: 64, epochs: %s, learning_rate: 0.003}
                    execution: {engine: %s, mode: %s}
                    """.formatted(name, data, m[2], m[1], m[0]));
            var outcome = SweepRun.execute(ConfigLoader.load(cfg), new SweepRun.Options(dir.resolve(name).toString(), master,
                    null, null, true, false, true), new PrintWriter(java.io.Writer.nullWriter()));
            if (warmUp) {
                continue;
            }
            Row r = new Row(m[0], m[0].equals("data_parallel") ? "dl4j-spark" : m[1], outcome.wallSeconds(),
                    outcome.cpuSeconds(), outcome.test() == null ? Double.NaN : outcome.test().accuracy(),
                    outcome.leaderboard().ranked().get(0).epochsTrained());
            out1.add(r);
            out.printf(Locale.ROOT, "  %-14s %-11s wall %7.1f s  CPU %7.1f s  test accuracy %.4f  (%d epochs)%n",
                    r.mode(), r.engine(), r.wallSeconds(), r.cpuSeconds(), r.testAccuracy(), r.epochs());
            out.flush();
        }
        out.println("load average after: " + ProcessStats.loadAverage());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rows", rows);
        report.put("features", FEATURES);
        report.put("master", master);
        report.put("results", out1);
        Json.PRETTY.writeValue(dir.resolve("bench-data-parallel.json").toFile(), report);
        return out1;
    }
}
