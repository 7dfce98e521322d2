package dev.sparksweep.config;

import dev.sparksweep.worker.TrainMetrics;

/** Parses {@code history:} into a HistoryConfig. */
final class HistorySection {
    private HistorySection() {
    }

    static HistoryConfig parse(Section s) {
        s.allow("train_metrics");
        return new HistoryConfig(s.enumeration("train_metrics", TrainMetrics.class, TrainMetrics.RUNNING));
    }
}
