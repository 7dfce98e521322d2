package dev.sparksweep.config;

import dev.sparksweep.space.SearchSpace;
import java.nio.file.Path;

/** A validated config file: everything a search needs, typed. */
public record SweepConfig(
        Path file,
        String name,
        DataConfig data,
        SearchConfig search,
        SearchSpace space,
        ExecutionConfig execution,
        HistoryConfig history,
        OutputConfig output) {
}
