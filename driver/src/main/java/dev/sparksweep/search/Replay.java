package dev.sparksweep.search;

import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialState;
import dev.sparksweep.worker.TrialStatus;
import dev.sparksweep.worker.TrialTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds a strategy from a run's segment log: every segment start is asked of the strategy again, and every
 * result is told where the driver told it, with what the log holds. A strategy that decides only from what it
 * is asked and told then stands where the crashed driver's did; the segments started and never ended are what
 * was in flight, and those ended but not yet told (ordered mode) wait to be told. A trial's last segment that
 * ended untold is trained again: its kept parameters were never stored.
 */
public final class Replay {
    private Replay() {
    }

    /** One line of a segment log, as the replay needs it. */
    public sealed interface Step {
        long seq();
    }

    /** Segment {@code seq} of trial {@code id} was started, to train until epoch {@code to}. */
    public record Start(long seq, String id, int to, boolean promoted) implements Step {
    }

    /** Segment {@code seq} ended with this result (its candidate is the one the start asked for). */
    public record End(long seq, String id, TrialResult.Verdict verdict, TrialResult.Training training,
                      TrialResult.Placement placement, TrialTimings timings, TrialState parked) implements Step {

        TrialResult result(Candidate c) {
            return new TrialResult(c, verdict, training, placement, timings, parked);
        }
    }

    /** The search was ending: it closed a paused trial ({@code outOfTime}: because max_time ran out). */
    public record Closed(long seq, boolean outOfTime) implements Step {
    }

    /** Segment {@code seq}'s result was told to the strategy. */
    public record Told(long seq) implements Step {
    }

    /** A segment started and not ended, to start again. */
    public record Pending(long seq, TrialRequest request) {
    }

    /** A segment ended and not told, with its result (parked when it can continue). */
    public record Arrived(long seq, TrialResult result) {
    }

    /**
     * Where a search goes on from.
     *
     * @param inFlight the segments to start again first, in the order they were started
     * @param arrived the results still to tell, in the order they arrived
     * @param nextSeq the number the next new segment gets
     * @param closing the search was closing its paused trials: it starts nothing new, and closes again
     * @param outOfTime it was closing because max_time ran out
     */
    public record Point(List<Pending> inFlight, List<Arrived> arrived, long nextSeq, boolean closing,
                        boolean outOfTime) {
        public static final Point FRESH = new Point(List.of(), List.of(), 0, false, false);

        public Point(List<Pending> inFlight, List<Arrived> arrived, long nextSeq) {
            this(inFlight, arrived, nextSeq, false, false);
        }

        public Point {
            inFlight = List.copyOf(inFlight);
            arrived = List.copyOf(arrived);
        }
    }

    /**
     * Replays {@code steps} into {@code strategy}, which must be new; returns where the search goes on from.
     *
     * @throws IllegalStateException when the strategy proposes other than what the log holds, or the log is out
     *     of order
     */
    public static Point into(SearchStrategy strategy, List<Step> steps) {
        return into(strategy, steps, Set.of());
    }

    /**
     * As above; {@code journalled} names the trials the journal holds. A trial's last segment that ended and was
     * not told is told from the log when its trial is journalled, and trained again otherwise (its kept
     * parameters were never stored); that second run may log a second end for the same segment.
     */
    public static Point into(SearchStrategy strategy, List<Step> steps, Set<String> journalled) {
        Map<Long, TrialRequest> open = new TreeMap<>();
        Map<Long, TrialResult> ended = new java.util.LinkedHashMap<>();
        Map<Long, TrialRequest> endedFrom = new java.util.HashMap<>();
        boolean closing = false;
        boolean outOfTime = false;
        long next = 0;
        for (Step step : steps) {
            next = Math.max(next, step.seq() + 1);
            if (step instanceof Start s) {
                List<TrialRequest> got = strategy.ask(1);
                TrialRequest r = got.isEmpty() ? null : got.get(0);
                if (r == null || !r.id().equals(s.id()) || r.untilEpoch() != s.to()
                        || (r.from() != null) != s.promoted()) {
                    throw new IllegalStateException("segment " + s.seq() + ": the search must propose what the log "
                            + "started, but got " + (r == null ? "nothing" : show(r.id(), r.untilEpoch(),
                            r.from() != null)) + " where the log has " + show(s.id(), s.to(), s.promoted()));
                }
                open.put(s.seq(), r);
            } else if (step instanceof End e) {
                TrialRequest r = open.remove(e.seq());
                if (r == null && ended.containsKey(e.seq())) {
                    r = endedFrom.get(e.seq()); // trained again after an earlier resume
                }
                if (r == null || !r.id().equals(e.id())) {
                    throw new IllegalStateException("segment " + e.seq() + ": a segment must start before it "
                            + "ends, but got an end of " + e.id() + " and no start");
                }
                ended.put(e.seq(), e.result(r.candidate()));
                endedFrom.put(e.seq(), r);
            } else if (step instanceof Told t) {
                TrialResult r = ended.remove(t.seq());
                if (r == null) {
                    throw new IllegalStateException("segment " + t.seq() + ": a segment must end before its result "
                            + "is told, but got a told line and no end");
                }
                strategy.tell(r);
            } else if (step instanceof Closed c) {
                closing = true;
                outOfTime |= c.outOfTime();
            }
        }
        List<Arrived> arrived = new ArrayList<>();
        ended.forEach((seq, r) -> {
            if (r.status() == TrialStatus.COMPLETE && !r.canContinue() && !journalled.contains(r.id())) {
                open.put(seq, endedFrom.get(seq)); // its kept parameters were never stored: train it again
            } else {
                arrived.add(new Arrived(seq, r));
            }
        });
        List<Pending> pending = new ArrayList<>();
        open.forEach((seq, r) -> pending.add(new Pending(seq, r)));
        return new Point(pending, arrived, next, closing, outOfTime);
    }

    private static String show(String id, int to, boolean promoted) {
        return id + " to epoch " + to + (promoted ? " (promoted)" : " (new)");
    }
}
