package dev.sparksweep.report;

import dev.sparksweep.results.SegmentLine;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Successive halving's rungs, from the journal: at each rung epoch, the trials that reached it, the value they
 * were judged by, and what became of them. The value is the objective at the epoch early stopping kept up to the
 * rung, as the segment log recorded it (else the best objective up to the rung). Empty for grid, random and tpe.
 */
public record Rungs(List<Rung> rungs) {

    /** What halving did with a trial at a rung. */
    public enum Fate {
        /** continued to the next rung */
        PROMOTED,
        /** stopped there: not in the top 1/eta (or out of time) */
        PRUNED,
        /** finished there: the last rung, or early stopping ended it on the rung's epoch */
        COMPLETED
    }

    public record Entry(String trial, double value, Fate fate) {
    }

    public record Rung(int epoch, List<Entry> entries) {
        public long count(Fate f) {
            return entries.stream().filter(e -> e.fate() == f).count();
        }
    }

    public static Rungs of(List<TrialRecord> records, List<SegmentLine> segments, Monitor objective) {
        Map<String, Integer> keptAt = new HashMap<>();
        for (SegmentLine s : segments) {
            if ("end".equals(s.event()) && s.paused() != null) {
                keptAt.put(s.trial() + "@" + s.to(), s.paused().bestEpoch());
            }
        }
        Map<Integer, List<Entry>> byEpoch = new TreeMap<>();
        for (TrialRecord r : records) {
            List<Integer> rungs = r.rungs() == null ? List.of() : r.rungs();
            for (int i = 0; i < rungs.size(); i++) {
                int epoch = rungs.get(i);
                boolean last = i == rungs.size() - 1;
                Fate fate = !last || r.epochsTrained() > epoch ? Fate.PROMOTED
                        : r.status() == TrialStatus.PRUNED ? Fate.PRUNED : Fate.COMPLETED;
                Integer kept = keptAt.get(r.id() + "@" + epoch);
                byEpoch.computeIfAbsent(epoch, k -> new ArrayList<>()).add(new Entry(r.id(),
                        kept != null ? at(r, kept, objective) : bestUpTo(r, epoch, objective), fate));
            }
        }
        List<Rung> out = new ArrayList<>();
        byEpoch.forEach((epoch, entries) -> out.add(new Rung(epoch, List.copyOf(entries))));
        return new Rungs(List.copyOf(out));
    }

    private static double at(TrialRecord r, int epoch, Monitor objective) {
        return r.history().stream().filter(m -> m.epoch() == epoch).findFirst().map(objective::of)
                .orElse(Double.NaN);
    }

    private static double bestUpTo(TrialRecord r, int epoch, Monitor objective) {
        return r.history().stream().filter(m -> m.epoch() <= epoch).mapToDouble(objective::of)
                .filter(Double::isFinite).reduce((a, b) -> objective.maximise() ? Math.max(a, b) : Math.min(a, b))
                .orElse(Double.NaN);
    }

    /** The rung that pruned the most trials; null when none pruned. */
    public Rung mostPruned() {
        Rung most = null;
        for (Rung r : rungs) {
            if (r.count(Fate.PRUNED) > 0 && (most == null || r.count(Fate.PRUNED) > most.count(Fate.PRUNED))) {
                most = r;
            }
        }
        return most;
    }

    /** The epoch each trial stopped at a rung (pruned or completed), or -1 when it stopped between rungs. */
    public Map<String, Integer> stoppedAt() {
        Map<String, Integer> m = new HashMap<>();
        for (Rung r : rungs) {
            for (Entry e : r.entries()) {
                if (e.fate() != Fate.PROMOTED) {
                    m.put(e.trial(), r.epoch());
                }
            }
        }
        return m;
    }
}
