package dev.sparksweep.search;

import dev.sparksweep.space.CandidateFactory;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every point of a discrete space in grid order, up to {@code maxTrials}. Every candidate shares the seed. */
public final class GridSearch extends PlannedSearch {

    public GridSearch(SearchSpace space, long seed, int maxTrials) {
        super(points(space, seed, maxTrials), "");
    }

    private static List<Candidate> points(SearchSpace space, long seed, int maxTrials) {
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
        return all;
    }
}
