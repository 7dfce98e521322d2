package dev.sparksweep.search;

import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A strategy that decides all its candidates up front and hands them out in order, whatever the results. */
public abstract class PlannedSearch implements SearchStrategy {
    private List<Candidate> candidates;
    private final String note;
    private int next;

    /** Candidates with the same id (say, widths of layers a candidate does not have) run once. */
    protected PlannedSearch(List<Candidate> candidates, String note) {
        Map<String, Candidate> unique = new LinkedHashMap<>();
        candidates.forEach(c -> unique.putIfAbsent(c.id(), c));
        this.candidates = List.copyOf(unique.values());
        this.note = note;
    }

    @Override
    public boolean plannedAhead() {
        return true;
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public void skip(java.util.Set<String> done) {
        candidates = candidates.stream().filter(c -> !done.contains(c.id())).toList();
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    /** The next {@code n} candidates of the plan, or fewer at its end. */
    public List<Candidate> next(int n) {
        int end = Math.min(candidates.size(), next + Math.max(0, n));
        List<Candidate> out = candidates.subList(next, end);
        next = end;
        return out;
    }

    @Override
    public List<TrialRequest> ask(int n) {
        return next(n).stream().map(TrialRequest::whole).toList();
    }

    @Override
    public Optional<TrialResult> tell(TrialResult result) {
        return Optional.of(result); // the plan does not adapt: every trial runs whole, once
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
