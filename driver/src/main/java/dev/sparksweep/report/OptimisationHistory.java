package dev.sparksweep.report;

import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.TrialStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The objective of every trial in the order the journal recorded it (finish order), and the best value of the
 * completed trials so far after each one. Pruned trials carry the value they were stopped with; failed trials
 * have none (NaN) and never move the best.
 */
public record OptimisationHistory(List<Point> points, List<Double> bestSoFar) {

    /** @param order 1-based place in finish order; {@code proposedBy} as the journal has it (null for none) */
    public record Point(int order, String id, TrialStatus status, double value, String proposedBy) {
    }

    public static OptimisationHistory of(RunSummary run) {
        List<Point> points = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        double current = Double.NaN;
        boolean maximise = run.objective().maximise();
        int order = 1;
        for (TrialRecord r : run.records()) {
            double v = r.status() == TrialStatus.FAILED ? Double.NaN : run.objectiveOf(r);
            points.add(new Point(order++, r.id(), r.status(), v, r.proposedBy()));
            if (r.status() == TrialStatus.COMPLETE && !Double.isNaN(v)
                    && (Double.isNaN(current) || (maximise ? v > current : v < current))) {
                current = v;
            }
            best.add(current);
        }
        return new OptimisationHistory(List.copyOf(points), List.copyOf(best));
    }

    /** Whether some trials came from a model and some from its random startup (tpe). */
    public boolean bySource() {
        return points.stream().anyMatch(p -> "model".equals(p.proposedBy()))
                && points.stream().anyMatch(p -> "startup".equals(p.proposedBy()));
    }

    /** The 1-based finish order of the last trial that improved the best, 0 when none completed. */
    public int lastImprovement() {
        for (int i = bestSoFar.size() - 1; i > 0; i--) {
            if (!bestSoFar.get(i).equals(bestSoFar.get(i - 1))) {
                return i + 1;
            }
        }
        return bestSoFar.isEmpty() || bestSoFar.get(0).isNaN() ? 0 : 1;
    }
}
