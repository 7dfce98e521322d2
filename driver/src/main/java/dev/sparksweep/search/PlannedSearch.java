package dev.sparksweep.search;

import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialResult;
import java.util.List;

/** A strategy that decides all its candidates up front and hands them out in order, whatever the results. */
public abstract class PlannedSearch implements SearchStrategy {
    private final List<Candidate> candidates;
    private final String note;
    private int next;

    protected PlannedSearch(List<Candidate> candidates, String note) {
        this.candidates = List.copyOf(candidates);
        this.note = note;
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    @Override
    public List<Candidate> ask(int n) {
        int end = Math.min(candidates.size(), next + Math.max(0, n));
        List<Candidate> out = candidates.subList(next, end);
        next = end;
        return out;
    }

    @Override
    public void tell(TrialResult result) {
        // the plan does not adapt to results
    }

    @Override
    public boolean isExhausted() {
        return next >= candidates.size();
    }

    @Override
    public int plannedTrials() {
        return candidates.size();
    }

    @Override
    public String note() {
        return note;
    }
}
