package dev.sparksweep.search;

import dev.sparksweep.worker.Candidate;

/**
 * Where successive halving's new candidates come from: random draws, or a model that learns from the rungs
 * (BOHB-style). {@link #observe} tells it each result at a rung.
 */
public interface CandidateSampler {
    /** The next new candidate, or null when there is none now. */
    Candidate next();

    boolean isExhausted();

    int plannedTrials();

    String note();

    /**
     * What trial {@code id} has shown so far: {@code level} ranks first (the rung it reached; a trial that
     * completed is {@link Integer#MAX_VALUE}), then the objective at that point; NaN for a trial that failed.
     */
    default void observe(String id, int level, double value) {
    }

    /** How it samples, for {@code sweep validate}; nothing by default. */
    default java.util.List<String> samplerPlan() {
        return java.util.List.of();
    }
}
