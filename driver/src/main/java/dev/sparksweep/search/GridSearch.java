package dev.sparksweep.search;

import dev.sparksweep.space.CandidateFactory;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        Map<String, Candidate> all = new LinkedHashMap<>();
        for (Map<String, Object> point : space.grid()) {
            if (all.size() >= maxTrials) {
                break;
            }
            Candidate c = CandidateFactory.create(point, seed);
            all.putIfAbsent(c.id(), c);
        }
        return new ArrayList<>(all.values());
    }
}
