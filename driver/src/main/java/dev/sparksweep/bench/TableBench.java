package dev.sparksweep.bench;

import dev.sparksweep.app.SweepRun;
import dev.sparksweep.common.Json;
import dev.sparksweep.common.ProcessStats;
import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.results.TrialRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code sweep bench --table ROWS}: the 8-candidate grid {hidden_layers: [1, 2], width: [64, 256], dropout: [0,
 * 0.1]} at batch 32 on a generated ROWS x 32 table with 10 classes, once per engine in one invocation. Prints CPU
 * seconds per epoch per 1,000 training rows and the ratio of the CPU spent to the FLOP floor: the trials'
 * arithmetic (6 x parameters per training row, 2 x parameters per validation row, each epoch) at the sgemm rate
 * ND4J reaches in this process on a 1024-cube float product.
 */
public final class TableBench {
    static final int FEATURES = 32;
    static final int CLASSES = 10;
    private static final Pattern SPLIT = Pattern.compile("split train (\\d+) / validation (\\d+)");

    /** One engine's result; seconds are CPU seconds unless named wall. */
    public record Row(String engine, int candidates, long epochs, int trainRows, int valRows, double wallSeconds,
                      double cpuSeconds, double searchSeconds, double trainSeconds, double evalSeconds,
                      double cpuPerEpochPerKiloRow, double gflop, double floorCpuSeconds, double ratioToFloor,
                      String winner, double winnerTestAccuracy) {
    }

    private TableBench() {
    }

    public static List<Row> run(int rows, String master, Path dir, PrintWriter out) throws Exception {
        Path data = SyntheticTable.in(dir, rows, FEATURES, CLASSES);
        String before = ProcessStats.loadAverage();
        double peak = sgemmGflopsPerCpuSecond();
        out.printf(Locale.ROOT, "table bench: %d rows x %d features, %d classes (%s), master %s; load average "
                + "before: %s%nND4J sgemm 1024^3 float: %.1f GFLOP per process-CPU-second%n", rows, FEATURES, CLASSES,
                data, master, before, peak);
        out.flush();
        List<Row> results = new ArrayList<>();
        for (String engine : List.of("warm-up", "jvm", "dl4j")) {
            boolean warmUp = engine.equals("warm-up");
            Path cfg = dir.resolve("table-" + engine + ".yaml");
            // the first search in a JVM pays for class loading and JIT: a tiny one takes that cost for both engines
            Files.writeString(cfg, warmUp ? """
                    name: table-warm-up
                    data: {source: 'csv:%s', header: false, scale: standard, split: {train: 0.02, validation: 0.01, test: 0.97}}
                    search: {strategy: grid, seed: 42}
                    space: {hidden_layers: [1, 2], width: 64, batch_size: 32, epochs: 1, learning_rate: 0.001}
                    execution: {engine: jvm}
                    """.formatted(data) : """
                    name: table-%s
                    data: {source: 'csv:%s', header: false, scale: standard}
                    search: {strategy: grid, seed: 42}
                    space: {hidden_layers: [1, 2], width: [64, 256], dropout: [0.0, 0.1], batch_size: 32, epochs: 2,
                            learning_rate: 0.001}
                    execution: {engine: %s}
                    """.formatted(engine, data, engine));
            StringWriter log = new StringWriter();
            var o = SweepRun.execute(ConfigLoader.load(cfg), new SweepRun.Options(dir.resolve("run-" + engine).toString(),
                    master, null, null, true, false, false), new PrintWriter(log));
            if (warmUp) {
                continue;
            }
            Matcher m = SPLIT.matcher(log.toString());
            if (!m.find()) {
                throw new IllegalStateException("no split line in the run's output: " + log);
            }
            int train = Integer.parseInt(m.group(1));
            int val = Integer.parseInt(m.group(2));
            long epochs = 0;
            double flop = 0;
            for (TrialRecord r : o.leaderboard().ranked()) {
                int hidden = ((Number) r.hyperparameters().get("hidden_layers")).intValue();
                int width = ((Number) r.hyperparameters().get("width")).intValue();
                long params = new StepBenchmark.Net(FEATURES, Collections.nCopies(hidden, width), CLASSES).parameters();
                epochs += r.epochsTrained();
                flop += r.epochsTrained() * (6.0 * params * train + 2.0 * params * val);
            }
            SearchCost cost = SearchCost.of(o, List.of());
            double floor = flop / 1e9 / peak;
            Row row = new Row(engine, o.leaderboard().ranked().size(), epochs, train, val, o.wallSeconds(),
                    o.cpuSeconds(), o.searchSeconds(), cost.trainSeconds(), cost.evalSeconds(),
                    o.cpuSeconds() / epochs / (train / 1000.0), flop / 1e9, floor, o.cpuSeconds() / floor,
                    cost.winner(), cost.winnerTestAccuracy());
            results.add(row);
            out.printf(Locale.ROOT, "  %-5s %d candidates, %d epochs on %d training rows: wall %.1f s, CPU %.1f s "
                    + "(trials' train %.1f s + eval %.1f s); %.4f CPU s per epoch per 1,000 rows; %.1f GFLOP, floor "
                    + "%.1f CPU s, %.1fx the floor; winner %s test accuracy %.4f%n", row.engine(), row.candidates(),
                    row.epochs(), train, row.wallSeconds(), row.cpuSeconds(), row.trainSeconds(), row.evalSeconds(),
                    row.cpuPerEpochPerKiloRow(), row.gflop(), floor, row.ratioToFloor(), row.winner(),
                    row.winnerTestAccuracy());
            out.flush();
        }
        String after = ProcessStats.loadAverage();
        out.println("load average after: " + after);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rows", rows);
        report.put("features", FEATURES);
        report.put("classes", CLASSES);
        report.put("master", master);
        report.put("sgemmGflopsPerCpuSecond", peak);
        report.put("loadAverageBefore", before);
        report.put("loadAverageAfter", after);
        report.put("results", results);
        Json.PRETTY.writeValue(dir.resolve("bench-table.json").toFile(), report);
        return results;
    }

    /** 2 n^3 FLOP per product over the process CPU it took (ND4J may use every core), best of five after warm-up. */
    static double sgemmGflopsPerCpuSecond() {
        int n = 1024;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double best = 0;
        for (int i = 0; i < 5; i++) {
            long t0 = ProcessStats.processCpuNanos();
            for (int k = 0; k < 4; k++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            double cpu = (ProcessStats.processCpuNanos() - t0) / 1e9;
            best = Math.max(best, 4 * 2.0 * n * n * n / 1e9 / cpu);
        }
        return best;
    }
}
