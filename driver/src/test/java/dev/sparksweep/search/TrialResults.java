package dev.sparksweep.search;

import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialState;
import dev.sparksweep.worker.TrialTimings;
import java.util.ArrayList;
import java.util.List;

/** Scripted results for search tests: the one place they build a TrialResult. */
final class TrialResults {
    private TrialResults() {
    }

    /**
     * A COMPLETE trial of {@code epochs} epochs, each with this validation accuracy and loss (train alike), the
     * last kept, one step an epoch, trained by "jvm" on host "h", executor "0".
     */
    static TrialResult complete(Candidate c, double valAcc, double valLoss, int epochs) {
        return complete(c, valAcc, valLoss, epochs, TrialTimings.NONE, new byte[0], null);
    }

    /** As above, with these timings, kept parameters and state to continue from (null for none). */
    static TrialResult complete(Candidate c, double valAcc, double valLoss, int epochs, TrialTimings timings,
                                byte[] bestParams, TrialState state) {
        return new TrialResult(c, TrialResult.Verdict.complete(),
                new TrialResult.Training("jvm", history(valAcc, valLoss, epochs), epochs, epochs, bestParams),
                new TrialResult.Placement("h", "0", 0), timings, state);
    }

    static List<EpochMetrics> history(double valAcc, double valLoss, int epochs) {
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            history.add(new EpochMetrics(e, valLoss, valAcc, valLoss, valAcc));
        }
        return history;
    }
}
