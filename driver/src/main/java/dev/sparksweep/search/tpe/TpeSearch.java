package dev.sparksweep.search.tpe;

import dev.sparksweep.search.CandidateSampler;
import dev.sparksweep.search.Journaled;
import dev.sparksweep.search.Proposal;
import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.space.CandidateFactory;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * {@code strategy: tpe}: {@code startup_trials} random trials, then each new trial from the {@link TpeSampler}
 * fitted on every finished trial, with the trials in flight counted as bad (the constant liar), so that
 * parallel slots spread out instead of proposing the same region. Never proposes a candidate that already ran or
 * is running.
 *
 * <p>Reproducible mode: trial i sees the results of trials before i − P only, and treats trials i − P .. i − 1
 * as in flight, where P is the number of slots (given, or else the first ask's n, which the driver makes its
 * parallelism). When those results are not in yet, ask
 * returns fewer trials and the driver waits; two runs with the same seed and P propose the same sequence.
 */
public final class TpeSearch implements SearchStrategy, CandidateSampler {
    /** Draws before a continuous space is taken to have no unseen points left. */
    private static final int RANDOM_DRAWS = 1000;

    /** Where a trial's hyperparameters came from. */
    public enum Source {
        STARTUP, MODEL, UNSEEN
    }

    private static final class Trial {
        final Candidate candidate;
        final double[] x;
        final Source source;
        boolean finished;
        /** Halving: the rung reached (a completed trial MAX_VALUE); ranks before the objective. 0 otherwise. */
        int level;
        /** Signed so that less is better; NaN for a trial that failed. */
        double rank = Double.NaN;

        Trial(Candidate candidate, double[] x, Source source) {
            this.candidate = candidate;
            this.x = x;
            this.source = source;
        }
    }

    private final SearchSpace space;
    private final Encoding encoding;
    private final TpeSampler sampler;
    private final long seed;
    private final int maxTrials;
    private final Monitor objective;
    private final int startupTrials;
    private final boolean reproducible;
    private final Random rng;
    private final List<Trial> trials = new ArrayList<>();
    private final Map<String, Trial> byId = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final int distinctPoints;
    /** A resumed run's journal, by id: replayed as the proposals that made it come round again. */
    private final Map<String, Journaled> journaled = new HashMap<>();
    private int resumed;
    private int slots = -1;
    private boolean spaceExhausted;

    public TpeSearch(SearchSpace space, long seed, int maxTrials, Monitor objective, int startupTrials,
                     boolean reproducible) {
        this(space, seed, maxTrials, objective, startupTrials, reproducible, 0);
    }

    /** @param slots P of the reproducible mode; 0 to take the first ask's n */
    public TpeSearch(SearchSpace space, long seed, int maxTrials, Monitor objective, int startupTrials,
                     boolean reproducible, int slots) {
        this(space, seed, seed, maxTrials, objective, startupTrials, reproducible, slots);
    }

    /** @param samplerSeed seeds the proposals; {@code seed} is every candidate's own */
    public TpeSearch(SearchSpace space, long seed, long samplerSeed, int maxTrials, Monitor objective,
                     int startupTrials, boolean reproducible, int slots) {
        this.space = space;
        this.encoding = new Encoding(space);
        this.sampler = new TpeSampler(encoding.axes());
        this.seed = seed;
        this.maxTrials = maxTrials;
        this.objective = objective;
        this.startupTrials = startupTrials;
        this.reproducible = reproducible;
        this.rng = new Random(samplerSeed);
        this.slots = slots > 0 ? slots : -1;
        this.distinctPoints = space.isDiscrete() && space.gridSize() <= 100_000 ? (int) space.grid().stream()
                .map(p -> CandidateFactory.create(p, seed).id()).distinct().count() : -1;
    }

    @Override
    public List<TrialRequest> ask(int n) {
        if (slots < 0 && n > 0) {
            slots = n;
        }
        List<TrialRequest> out = new ArrayList<>();
        while (out.size() < n && !isExhausted()) {
            Trial t = propose(trials.size());
            if (t == null) {
                break;
            }
            trials.add(t);
            byId.put(t.candidate.id(), t);
            seen.add(t.candidate.id());
            Journaled done = journaled.remove(t.candidate.id());
            if (done != null) {
                t.finished = true;
                t.rank = rank(done.status(), done.value());
            } else {
                out.add(TrialRequest.whole(t.candidate));
            }
        }
        return out;
    }

    /**
     * Replays the proposals: a proposal the journal holds is taken as finished with its result instead of being
     * run again. In reproducible mode with the run's parallelism this proposes exactly what the run would have;
     * otherwise the results steer the rest as they would have, had they arrived in the journal's order.
     */
    @Override
    public void resume(List<Journaled> done) {
        done.forEach(j -> journaled.put(j.id(), j));
        resumed = journaled.size();
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Proposal proposal(String id) {
        Trial t = byId.get(id);
        return t == null ? null : new Proposal(trials.indexOf(t), t.source.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Trial i, or null when it must wait for results (reproducible mode) or the space has no unseen point. */
    private Trial propose(int i) {
        int visible = reproducible ? Math.max(0, i - slots) : i;
        List<TpeSampler.Observation> finished = new ArrayList<>();
        List<double[]> inFlight = new ArrayList<>();
        for (int j = 0; j < i; j++) {
            Trial t = trials.get(j);
            if (j < visible && !t.finished) {
                if (reproducible) {
                    return null;
                }
                inFlight.add(t.x);
            } else if (j >= visible) {
                inFlight.add(t.x);
            } else if (!Double.isNaN(t.rank)) {
                finished.add(new TpeSampler.Observation(t.x, j, t.level, t.rank));
            }
        }
        if (finished.size() >= startupTrials && !finished.isEmpty() && !encoding.axes().isEmpty()) {
            for (double[] x : sampler.propose(rng, finished, inFlight)) {
                Map<String, Object> point = encoding.decode(x);
                Candidate c = CandidateFactory.create(point, seed);
                if (!seen.contains(c.id())) {
                    return new Trial(c, encoding.encode(point), Source.MODEL);
                }
            }
            return unseen(Source.UNSEEN);
        }
        return unseen(Source.STARTUP);
    }

    /** A uniformly random point that has not run: drawn, or on a finite space picked among those left. */
    private Trial unseen(Source source) {
        for (int k = 0; k < (space.isDiscrete() ? 64 : RANDOM_DRAWS); k++) {
            Map<String, Object> point = space.sample(rng);
            Candidate c = CandidateFactory.create(point, seed);
            if (!seen.contains(c.id())) {
                return new Trial(c, encoding.encode(point), source);
            }
        }
        if (space.isDiscrete() && space.gridSize() <= 1_000_000) {
            Map<String, Map<String, Object>> left = new java.util.LinkedHashMap<>();
            for (Map<String, Object> p : space.grid()) {
                String id = CandidateFactory.create(p, seed).id();
                if (!seen.contains(id)) {
                    left.putIfAbsent(id, p);
                }
            }
            if (!left.isEmpty()) {
                Map<String, Object> point = new ArrayList<>(left.values()).get(rng.nextInt(left.size()));
                return new Trial(CandidateFactory.create(point, seed), encoding.encode(point), source);
            }
        }
        spaceExhausted = true;
        return null;
    }

    @Override
    public Optional<TrialResult> tell(TrialResult result) {
        observe(result.id(), 0, result.status() == TrialStatus.FAILED || result.history().isEmpty() ? Double.NaN
                : objective.of(result.best()));
        return Optional.of(result);
    }

    @Override
    public void observe(String id, int level, double value) {
        Trial t = byId.get(id);
        if (t != null) {
            t.finished = true;
            t.level = level;
            t.rank = rank(Double.isNaN(value) ? TrialStatus.FAILED : TrialStatus.COMPLETE, value);
        }
    }

    /** As a halving search's sampler: the next proposal. */
    @Override
    public Candidate next() {
        List<TrialRequest> one = ask(1);
        return one.isEmpty() ? null : one.get(0).candidate();
    }

    /** Less is better; NaN (left out of the model) for a failed trial or one without a finite value. */
    private double rank(TrialStatus status, double value) {
        return status == TrialStatus.FAILED || !Double.isFinite(value) ? Double.NaN
                : objective.maximise() ? -value : value;
    }

    /** How trial {@code id}'s hyperparameters were chosen, or null for an id this search did not propose. */
    public Source source(String id) {
        Trial t = byId.get(id);
        return t == null ? null : t.source;
    }

    @Override
    public boolean isExhausted() {
        // journalled trials not replayed yet still count against the budget
        return trials.size() + journaled.size() >= budget() || spaceExhausted;
    }

    /** Trials in all, a resumed run's journalled ones included. */
    private int budget() {
        return distinctPoints < 0 ? maxTrials : Math.min(maxTrials, distinctPoints);
    }

    /** Trials still to run: the budget less what a resumed run's journal holds. */
    @Override
    public int plannedTrials() {
        return budget() - resumed;
    }

    @Override
    public String note() {
        return distinctPoints >= 0 && distinctPoints < maxTrials ? "the space has " + distinctPoints
                + " points, fewer than max_trials " + maxTrials + ": each runs once" : "";
    }

    @Override
    public List<String> samplerPlan() {
        return describe().subList(0, 1);
    }

    @Override
    public List<String> describe() {
        return List.of("tpe: " + startupTrials + " random startup trials, then each trial the best of "
                + TpeSampler.CANDIDATES + " draws from l(x) by log l(x) - log g(x), the good group the best "
                + "min(ceil(0.1 n), 25) of n finished trials; trials in flight count in g (constant liar)",
                reproducible ? "tpe: reproducible: trial i sees the results of trials before i - P (P = the slots), "
                        + "so the sequence depends on the seed and P only; slots may wait for results"
                        : "tpe: not reproducible: each trial sees every result so far, so with more than one slot the "
                        + "sequence depends on which trial finishes first (search.reproducible: true fixes it)");
    }
}
