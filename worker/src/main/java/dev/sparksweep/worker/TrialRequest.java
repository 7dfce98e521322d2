package dev.sparksweep.worker;

import java.io.Serializable;

/**
 * One segment of training to run: a candidate, from scratch ({@code from == null}) or from a paused state,
 * until epoch {@code untilEpoch} (capped by the candidate's own epochs).
 */
public record TrialRequest(Candidate candidate, TrialState from, int untilEpoch) implements Serializable {

    /** The whole candidate, from scratch to its last epoch. */
    public static TrialRequest whole(Candidate c) {
        return new TrialRequest(c, null, c.epochs());
    }

    public String id() {
        return candidate.id();
    }
}
