package dev.sparksweep.search;

import dev.sparksweep.space.CandidateFactory;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
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
public final class RandomSearch extends PlannedSearch implements CandidateSampler {
    /** Draws per wanted candidate before a continuous space is deemed to have no new points left. */
    private static final int MAX_DRAWS_PER_CANDIDATE = 1000;

    public RandomSearch(SearchSpace space, long seed, int maxTrials) {
        this(space, seed, seed, maxTrials);
    }

    /** @param samplerSeed seeds the draw; {@code seed} is every candidate's own */
    public RandomSearch(SearchSpace space, long seed, long samplerSeed, int maxTrials) {
        this(draw(space, seed, samplerSeed, maxTrials));
    }

    private RandomSearch(Draw d) {
        super(d.candidates(), d.note());
    }

    @Override
    public Candidate next() {
        List<Candidate> one = next(1);
        return one.isEmpty() ? null : one.get(0);
    }

    private record Draw(List<Candidate> candidates, String note) {
    }

    private static Draw draw(SearchSpace space, long seed, long samplerSeed, int maxTrials) {
        Random rng = new Random(samplerSeed);
        List<Candidate> out = new ArrayList<>();
        if (space.isDiscrete() && space.gridSize() <= 1_000_000) {
            List<Map<String, Object>> grid = new ArrayList<>(space.grid());
            Collections.shuffle(grid, rng);
            Set<String> seen = new HashSet<>();
            for (Map<String, Object> point : grid) {
                Candidate c = CandidateFactory.create(point, seed);
                if (seen.add(c.id()) && out.size() < maxTrials) {
                    out.add(c);
                }
            }
            return new Draw(out, seen.size() < maxTrials ? "the space has " + seen.size()
                    + " points, fewer than max_trials " + maxTrials + ": each runs once" : "");
        }
        Set<String> seen = new HashSet<>();
        long draws = 0;
        long limit = (long) MAX_DRAWS_PER_CANDIDATE * maxTrials;
        while (out.size() < maxTrials && draws++ < limit) {
            Candidate c = CandidateFactory.create(space.sample(rng), seed);
            if (seen.add(c.id())) {
                out.add(c);
            }
        }
        return new Draw(out, out.size() < maxTrials
                ? "only " + out.size() + " distinct points found in " + limit + " draws; running those" : "");
    }
}
