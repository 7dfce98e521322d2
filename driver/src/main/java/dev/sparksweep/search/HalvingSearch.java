package dev.sparksweep.search;

import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialStatus;
import dev.sparksweep.worker.TrialTimings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2018). New candidates come from a {@link CandidateSampler}:
 * drawn as random search draws them, or proposed by TPE from the rungs' results (BOHB-style), and train to the
 * first rung, {@code min_epochs}; rungs follow at {@code min_epochs · eta^k} up to each
 * candidate's own {@code epochs}. Whenever a slot is free, the strategy continues a trial that is in the top
 * 1/eta of all trials that reached its rung so far (highest rung first), and otherwise starts a new candidate,
 * so no slot idles while there is work. A continued trial resumes from its checkpoint (parameters, optimiser
 * state, epochs and early-stopping state), which the driver keeps in its checkpoint store. Trials never
 * continued are PRUNED when the search ends. It decides only from what it is asked and told, so --resume
 * rebuilds it by replaying the run's segment log.
 */
public final class HalvingSearch implements SearchStrategy {
    private final CandidateSampler fresh;
    /** A candidate to show the rungs with, before any is drawn. */
    private final Candidate example;
    private final int minEpochs;
    private final int eta;
    private final Monitor objective;
    /** rung index -> the trials that reached it, in arrival order. */
    private final Map<Integer, List<Paused>> rungs = new HashMap<>();
    private final Map<String, List<Integer>> judged = new HashMap<>();
    private final Map<String, TrialTimings> spent = new HashMap<>();

    /** A trial that stopped at a rung; its result (and checkpoint) is let go once it has been continued. */
    private static final class Paused {
        TrialResult result;
        final double value;
        boolean continued;

        Paused(TrialResult result, double value) {
            this.result = result;
            this.value = value;
        }

        TrialResult release() {
            TrialResult r = result;
            continued = true;
            result = null;
            return r;
        }
    }

    public HalvingSearch(SearchSpace space, long seed, int maxTrials, int minEpochs, int eta, Monitor objective) {
        this(new RandomSearch(space, seed, maxTrials), space, seed, minEpochs, eta, objective);
    }

    /** @param fresh where new candidates come from */
    public HalvingSearch(CandidateSampler fresh, SearchSpace space, long seed, int minEpochs, int eta,
                         Monitor objective) {
        if (minEpochs < 1 || eta < 2) {
            throw new IllegalArgumentException("min_epochs >= 1 and eta >= 2 must hold, but got (min_epochs="
                    + minEpochs + ", eta=" + eta + ")");
        }
        this.fresh = fresh;
        List<Candidate> first = new RandomSearch(space, seed, 1).candidates();
        this.example = first.isEmpty() ? null : first.get(0);
        this.minEpochs = minEpochs;
        this.eta = eta;
        this.objective = objective;
    }

    /** The epochs at which a candidate is judged: min_epochs · eta^k below its epochs, then its epochs. */
    public List<Integer> rungEpochs(Candidate c) {
        List<Integer> out = new ArrayList<>();
        long r = minEpochs;
        while (r < c.epochs()) {
            out.add((int) r);
            r *= eta;
        }
        out.add(c.epochs());
        return out;
    }

    @Override
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (example != null) {
            out.add("halving: rungs at epochs " + rungEpochs(example) + ", the top 1/" + eta + " of each rung continue");
        }
        out.addAll(fresh.samplerPlan());
        return out;
    }

    @Override
    public List<TrialRequest> ask(int n) {
        List<TrialRequest> out = new ArrayList<>();
        while (out.size() < n) {
            TrialRequest promotion = promotion();
            if (promotion != null) {
                out.add(promotion);
                continue;
            }
            Candidate c = fresh.next();
            if (c == null) {
                break;
            }
            out.add(new TrialRequest(c, null, rungEpochs(c).get(0)));
        }
        return out;
    }

    /** The best not-yet-continued trial in the top 1/eta of the highest rung that has one, as its next segment. */
    private TrialRequest promotion() {
        for (int k = rungs.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1); k >= 0; k--) {
            List<Paused> at = rungs.getOrDefault(k, List.of());
            int top = at.size() / eta;
            List<Paused> ranked = at.stream().sorted(better()).limit(top).toList();
            for (Paused p : ranked) {
                if (!p.continued) {
                    TrialResult r = p.release();
                    Candidate c = r.candidate();
                    return new TrialRequest(c, r.state(), rungEpochs(c).get(k + 1));
                }
            }
        }
        return null;
    }

    private Comparator<Paused> better() {
        Comparator<Paused> byValue = Comparator.comparingDouble(p -> p.value);
        return objective.maximise() ? byValue.reversed() : byValue;
    }

    @Override
    public Optional<TrialResult> tell(TrialResult r) {
        String id = r.id();
        TrialTimings total = spent.merge(id, r.timings(), TrialTimings::plus);
        List<Integer> history = judged.computeIfAbsent(id, x -> new ArrayList<>());
        if (r.status() != TrialStatus.COMPLETE || !r.canContinue()) {
            if (r.status() == TrialStatus.COMPLETE && rungEpochs(r.candidate()).contains(r.epochsTrained())) {
                history.add(r.epochsTrained());
            }
            fresh.observe(id, Integer.MAX_VALUE, r.status() == TrialStatus.COMPLETE && !r.history().isEmpty()
                    ? objective.of(r.best()) : Double.NaN);
            return Optional.of(r.judged(r.status(), r.reason(), history).withTimings(total));
        }
        int k = rungEpochs(r.candidate()).indexOf(r.epochsTrained());
        if (k < 0) {
            throw new IllegalStateException(id + " paused at epoch " + r.epochsTrained() + ", which is no rung");
        }
        history.add(r.epochsTrained());
        fresh.observe(id, k, objective.of(r.best()));
        rungs.computeIfAbsent(k, x -> new ArrayList<>()).add(new Paused(r.withTimings(total),
                objective.of(r.best())));
        return Optional.empty();
    }

    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public boolean isExhausted() {
        return fresh.isExhausted();
    }

    @Override
    public int plannedTrials() {
        return fresh.plannedTrials();
    }

    @Override
    public String note() {
        return fresh.note();
    }

    @Override
    public List<TrialResult> close(boolean outOfTime) {
        List<TrialResult> out = new ArrayList<>();
        for (List<Paused> at : rungs.values()) {
            for (Paused p : at) {
                if (!p.continued) {
                    TrialResult r = p.release();
                    String why = outOfTime ? "stopped by max_time at epoch " + r.epochsTrained()
                            : "not in the top 1/" + eta + " at epoch " + r.epochsTrained();
                    out.add(r.judged(TrialStatus.PRUNED, why, judged.get(r.id())));
                }
            }
        }
        out.sort(Comparator.comparing(TrialResult::id));
        return out;
    }
}
