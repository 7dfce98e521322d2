package dev.sparksweep.app;

import dev.sparksweep.common.Sha256;
import dev.sparksweep.common.Versions;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.results.RunProvenance;
import dev.sparksweep.results.TestEvaluation;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.Backend;
import dev.sparksweep.worker.TrialStatus;
import dev.sparksweep.worker.gpu.GpuDevice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;

/** Builds a finished run's {@link RunProvenance} from what the run used and what it found. */
final class Provenance {
    private Provenance() {
    }

    static RunProvenance of(SweepConfig cfg, PreparedData data, JavaSparkContext sc, Execution exec,
                            Leaderboard board, TestEvaluation test, Instant started, double wall, double cpu) {
        return new RunProvenance(cfg.name(), Versions.sparksweep(), System.getProperty("java.version"),
                sc.version(), Versions.dl4j(), Backend.describe(), sc.master(), sc.sc().applicationId(),
                exec.parallelism(), exec.engineKey(), cfg.execution().mode().name().toLowerCase(Locale.ROOT),
                cfg.history().trainMetrics().key(),
                cfg.search().seed(), cfg.data().split().seed(), cfg.file().toString(), Sha256.hex(cfg.file()),
                data.dataset().source(), data.sources().sha256(), data.dataset().rows(), data.dataset().dropped(),
                data.dataset().labelNames(), started.toString(), Instant.now().toString(), wall, cpu,
                board.count(TrialStatus.COMPLETE), board.count(TrialStatus.FAILED), board.count(TrialStatus.PRUNED),
                board.ranked().stream().mapToLong(TrialRecord::epochsTrained).sum(),
                test == null ? null : test.trialId(), test == null ? null : test.accuracy(),
                cfg.execution().backend().name().toLowerCase(Locale.ROOT),
                cfg.execution().gpu() ? devices(board.ranked()) : null);
    }

    /** The GPUs trials were given, one entry per executor and address, in executor order. */
    static List<RunProvenance.ExecutorDevice> devices(List<TrialRecord> records) {
        Map<String, RunProvenance.ExecutorDevice> seen = new TreeMap<>();
        for (TrialRecord r : records) {
            GpuDevice d = r.device();
            if (d == null) {
                continue;
            }
            String key = r.executor() + "\u0000" + d.address() + "\u0000" + d.index();
            RunProvenance.ExecutorDevice before = seen.get(key);
            seen.put(key, new RunProvenance.ExecutorDevice(r.executor(), r.host(), d.address(), d.visible(), d.index(),
                    d.name(), d.index() < 0 ? "" : d.computeCapability(), d.memoryBytes() >> 20,
                    before == null ? 1 : before.trials() + 1));
        }
        return new ArrayList<>(seen.values());
    }
}
