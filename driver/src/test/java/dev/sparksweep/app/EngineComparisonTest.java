package dev.sparksweep.app;

import dev.sparksweep.results.RunDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.app.SweepRun;
import dev.sparksweep.worker.Engine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same grid through each engine under Spark local[2]: the engines must agree on what is good. */
@Tag("spark")
class EngineComparisonTest {
    static final String CONFIG = """
            name: engines
            data: {source: 'builtin:digits', scale: max}
            search: {strategy: grid, objective: val_accuracy, seed: 42}
            space:
              width: [16, 64, 128]
              batch_size: [16, 64]
              dropout: [0.0, 0.3]
              epochs: 8
            """;

    @TempDir
    Path dir;

    @Test
    void bothEnginesRankTheGridAlikeAndTheirWinnersTestWithinOnePoint() throws Exception {
        Path config = dir.resolve("engines.yaml");
        Files.writeString(config, CONFIG);
        var cfg = ConfigLoader.load(config);
        SweepRun.Outcome dl4j = SweepRun.execute(cfg, new SweepRun.Options(dir.resolve("dl4j").toString(), "local[2]", null,
                Engine.DL4J, false), new PrintWriter(new StringWriter()));
        SweepRun.Outcome jvm = SweepRun.execute(cfg, new SweepRun.Options(dir.resolve("jvm").toString(), "local[2]", null,
                Engine.JVM, false), new PrintWriter(new StringWriter()));

        List<TrialRecord> a = new RunDirectory(dir.resolve("dl4j")).trials();
        List<TrialRecord> b = new RunDirectory(dir.resolve("jvm")).trials();
        assertEquals(12, a.size());
        assertEquals(12, b.size());
        assertTrue(a.stream().allMatch(r -> r.engine().equals("dl4j")));
        assertTrue(b.stream().allMatch(r -> r.engine().equals("jvm")));
        Map<String, TrialRecord> byId = b.stream().collect(Collectors.toMap(TrialRecord::id, Function.identity()));
        List<String> ids = a.stream().map(TrialRecord::id).sorted().toList();
        assertEquals(ids, b.stream().map(TrialRecord::id).sorted().toList());
        double rho = spearman(ids.stream().mapToDouble(id -> a.stream().filter(r -> r.id().equals(id))
                .findFirst().orElseThrow().valAccuracy()).toArray(),
                ids.stream().mapToDouble(id -> byId.get(id).valAccuracy()).toArray());
        assertTrue(rho >= 0.8, "Spearman's rho of the engines' validation accuracies: " + rho);
        double gap = Math.abs(dl4j.test().accuracy() - jvm.test().accuracy());
        assertTrue(gap <= 0.01, "winners' test accuracies " + dl4j.test().accuracy() + " and "
                + jvm.test().accuracy());
    }

    /** Spearman's rank correlation, ties given their mean rank. */
    static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = java.util.Arrays.stream(rx).average().orElse(0);
        double my = java.util.Arrays.stream(ry).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[idx[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }
}
