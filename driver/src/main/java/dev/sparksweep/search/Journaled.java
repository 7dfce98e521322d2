package dev.sparksweep.search;

import dev.sparksweep.worker.TrialStatus;

/**
 * A trial the journal of a resumed run already holds, as a strategy needs it.
 *
 * @param value the objective at the trial's kept epoch; NaN when no epoch finished
 */
public record Journaled(String id, TrialStatus status, double value) {
}
