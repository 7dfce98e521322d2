package dev.sparksweep.worker;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a paused trial needs to continue as if it had never stopped: the engine checkpoint, the epochs so
 * far, the early-stopping state (best value, its epoch and parameters, epochs without improvement) and the
 * steps taken. The driver holds it between a trial's segments, so nothing depends on executor disks.
 */
public record TrialState(Checkpoint checkpoint, List<EpochMetrics> history, double best, int bestEpoch,
                         float[] bestParams, int epochsWithoutImprovement, long steps) implements Serializable {

    public TrialState {
        history = List.copyOf(history);
    }

    public int epochs() {
        return history.size();
    }

    /**
     * This state without its arrays (engine checkpoint and kept parameters): what the driver holds while the
     * arrays are on disk. A parked state cannot be trained from; it is swapped for the stored one first.
     */
    public TrialState parked() {
        return new TrialState(null, history, best, bestEpoch, null, epochsWithoutImprovement, steps);
    }

    public boolean isParked() {
        return checkpoint == null;
    }
}
