package dev.sparksweep.search;

import dev.sparksweep.space.CandidateFactory;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code max_trials} points drawn at random, reproducibly from the seed, never the same candidate twice. A
 * discrete space is sampled without replacement (a seeded shuffle of its grid); when it has fewer points than
 * the budget, every point runs once and {@link #note()} says so.
 */
public final class RandomSearch implements SearchStrategy {
    /** Draws per wanted candidate before a continuous space is deemed to have no new points left. */
    private static final int MAX_DRAWS_PER_CANDIDATE = 1000;

    private final List<Candidate> candidates;
    private final String note;
    private int next;

    public RandomSearch(SearchSpace space, long seed, int maxTrials) {
        Random rng = new Random(seed);
        List<Candidate> out = new ArrayList<>();
        String message = "";
        if (space.isDiscrete() && space.gridSize() <= 1_000_000) {
            List<Map<String, Object>> grid = new ArrayList<>(space.grid());
            Collections.shuffle(grid, rng);
            for (Map<String, Object> point : grid.subList(0, (int) Math.min(maxTrials, grid.size()))) {
                out.add(CandidateFactory.create(point, seed));
            }
            if (grid.size() < maxTrials) {
                message = "the space has " + grid.size() + " points, fewer than max_trials " + maxTrials
                        + ": each runs once";
            }
        } else {
            Set<String> seen = new HashSet<>();
            long draws = 0;
            long limit = (long) MAX_DRAWS_PER_CANDIDATE * maxTrials;
            while (out.size() < maxTrials && draws++ < limit) {
                Candidate c = CandidateFactory.create(space.sample(rng), seed);
                if (seen.add(c.id())) {
                    out.add(c);
                }
            }
            if (out.size() < maxTrials) {
                message = "only " + out.size() + " distinct points found in " + limit + " draws; running those";
            }
        }
        this.candidates = List.copyOf(out);
        this.note = message;
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
        // random search does not adapt to results
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
