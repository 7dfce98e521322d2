package dev.sparksweep.search;

import dev.sparksweep.space.CandidateFactory;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every point of a discrete space in grid order, up to {@code maxTrials}. Every candidate shares the seed. */
public final class GridSearch implements SearchStrategy {
    private final List<Candidate> candidates;
    private int next;

    public GridSearch(SearchSpace space, long seed, int maxTrials) {
        if (!space.isDiscrete()) {
            throw new IllegalArgumentException("a grid needs lists or fixed values in every dimension");
        }
        List<Candidate> all = new ArrayList<>();
        for (Map<String, Object> point : space.grid()) {
            if (all.size() >= maxTrials) {
                break;
            }
            all.add(CandidateFactory.create(point, seed));
        }
        this.candidates = List.copyOf(all);
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
        // a grid does not adapt to results
    }

    @Override
    public boolean isExhausted() {
        return next >= candidates.size();
    }

    @Override
    public int plannedTrials() {
        return candidates.size();
    }
}
