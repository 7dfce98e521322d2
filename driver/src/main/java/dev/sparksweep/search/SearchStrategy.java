package dev.sparksweep.search;

import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialResult;
import java.util.List;

/**
 * Chooses what to train next. The driver asks for at most as many candidates as it has free slots and tells
 * the strategy every result, in the order results arrive. Implementations need neither Spark nor DL4J.
 */
public interface SearchStrategy {

    /** Up to {@code n} candidates to start now; fewer, or none, when the strategy has no more right now. */
    List<Candidate> ask(int n);

    void tell(TrialResult result);

    /** True once the strategy will never hand out another candidate. */
    boolean isExhausted();

    /** How many trials the strategy plans to run in all, for progress; -1 when it cannot say. */
    int plannedTrials();

    /** Something the user should know about the plan (for instance a budget larger than the space), or "". */
    default String note() {
        return "";
    }
}
