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
import java.time.Instant;
import java.util.Locale;
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
                test == null ? null : test.trialId(), test == null ? null : test.accuracy());
    }
}
