package dev.sparksweep.space;

import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.EarlyStopping;
import dev.sparksweep.worker.Monitor;
import java.util.HashMap;
import java.util.Map;

/** Candidates for driver tests, made the way searches make them (defaults for every key not given). */
public final class Candidates {
    private Candidates() {
    }

    /** The digits lesson's first grid point: one layer of 32, batches of 5, early stopping on val_loss. */
    public static Candidate lesson() {
        return of(Map.of("width", 32, "batch_size", 5,
                "early_stopping", new EarlyStopping(Monitor.VAL_LOSS, 5, 0.0)), 42);
    }

    /** {@code values} by config key (typed, as the space holds them; {@code width_1, ...} for per-layer widths). */
    public static Candidate of(Map<String, Object> values, long seed) {
        return CandidateFactory.create(new HashMap<>(values), seed);
    }
}
