package dev.sparksweep.config;

import dev.sparksweep.worker.TrainMetrics;

/** @param trainMetrics how each epoch's training loss and accuracy are measured */
public record HistoryConfig(TrainMetrics trainMetrics) {
    public static final HistoryConfig DEFAULT = new HistoryConfig(TrainMetrics.RUNNING);
}
