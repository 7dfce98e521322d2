package dev.sparksweep.report;

import dev.sparksweep.results.SegmentLine;
import dev.sparksweep.worker.TrialStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every training segment the segment log holds, from the driver starting it to its result coming back, placed in
 * a lane of the executor that ran it; and how busy the run's slots were. A segment started but never ended (a
 * driver killed mid-segment) is left out.
 *
 * @param lanes one label per lane: the executor id, and the lane's number when the executor ran segments side by side
 * @param slots the candidates in flight the run had (run.json's parallelism), else the most segments seen at once
 * @param spanSeconds first start to last end
 * @param busySeconds the executors' own time in the segments (the worker's total)
 * @param inFlightSeconds start to end, summed over the segments
 */
public record Timeline(List<Bar> bars, List<String> lanes, int slots, double spanSeconds, double busySeconds,
                       double inFlightSeconds) {

    /** What became of a segment, for its colour. */
    public enum Kind {
        COMPLETE, PROMOTED, PRUNED, FAILED
    }

    /** @param start and end in seconds since the first segment started */
    public record Bar(int lane, String trial, double start, double end, Kind kind) {
    }

    public static Timeline of(List<SegmentLine> segments, Integer parallelism) {
        Map<Long, SegmentLine> starts = new HashMap<>();
        Map<String, SegmentLine> closed = new HashMap<>();
        List<SegmentLine[]> pairs = new ArrayList<>();
        for (SegmentLine s : segments) {
            switch (s.event()) {
                case "start" -> starts.put(s.seq(), s);
                case "end" -> {
                    SegmentLine start = starts.remove(s.seq());
                    if (start != null && start.at() != null && s.at() != null) {
                        pairs.add(new SegmentLine[] {start, s});
                    }
                }
                case "close" -> closed.put(s.trial() + "@" + s.to(), s);
                default -> {
                }
            }
        }
        if (pairs.isEmpty()) {
            return new Timeline(List.of(), List.of(), parallelism == null ? 0 : parallelism, 0, 0, 0);
        }
        pairs.sort(Comparator.comparing(p -> Instant.parse(p[0].at())));
        Instant t0 = Instant.parse(pairs.get(0)[0].at());
        Map<String, List<Double>> laneEnds = new LinkedHashMap<>();
        Map<String, List<Integer>> laneIds = new HashMap<>();
        List<String> lanes = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        double busy = 0;
        double inFlight = 0;
        double last = 0;
        List<double[]> intervals = new ArrayList<>();
        for (SegmentLine[] p : pairs) {
            double start = seconds(t0, p[0].at());
            double end = Math.max(start, seconds(t0, p[1].at()));
            String executor = p[1].executor() == null ? "?" : p[1].executor();
            List<Double> ends = laneEnds.computeIfAbsent(executor, k -> new ArrayList<>());
            List<Integer> ids = laneIds.computeIfAbsent(executor, k -> new ArrayList<>());
            int slot = -1;
            for (int i = 0; i < ends.size() && slot < 0; i++) {
                if (ends.get(i) <= start) {
                    slot = i;
                }
            }
            if (slot < 0) {
                slot = ends.size();
                ends.add(end);
                ids.add(lanes.size());
                lanes.add(executor + " · " + (slot + 1));
            } else {
                ends.set(slot, end);
            }
            bars.add(new Bar(ids.get(slot), p[1].trial(), start, end, kind(p[1], closed)));
            busy += p[1].timings() == null ? 0 : p[1].timings().totalMillis() / 1000.0;
            inFlight += end - start;
            last = Math.max(last, end);
            intervals.add(new double[] {start, end});
        }
        // an executor that never ran two at once needs no lane number
        for (Map.Entry<String, List<Integer>> e : laneIds.entrySet()) {
            if (e.getValue().size() == 1) {
                lanes.set(e.getValue().get(0), e.getKey());
            }
        }
        int slots = parallelism != null && parallelism > 0 ? parallelism : mostAtOnce(intervals);
        return new Timeline(List.copyOf(bars), List.copyOf(lanes), slots, last, busy, inFlight);
    }

    private static Kind kind(SegmentLine end, Map<String, SegmentLine> closed) {
        if (end.status() == TrialStatus.FAILED) {
            return Kind.FAILED;
        }
        if (end.paused() == null) {
            return end.status() == TrialStatus.PRUNED ? Kind.PRUNED : Kind.COMPLETE;
        }
        return closed.containsKey(end.trial() + "@" + end.to()) ? Kind.PRUNED : Kind.PROMOTED;
    }

    private static double seconds(Instant t0, String at) {
        return Duration.between(t0, Instant.parse(at)).toNanos() / 1e9;
    }

    private static int mostAtOnce(List<double[]> intervals) {
        List<double[]> events = new ArrayList<>();
        intervals.forEach(i -> {
            events.add(new double[] {i[0], 1});
            events.add(new double[] {i[1], -1});
        });
        events.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
        int now = 0;
        int most = 0;
        for (double[] e : events) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }

    /** The executors' own time over the slots' capacity (slots × span). */
    public double utilisation() {
        return capacity() == 0 ? 0 : busySeconds / capacity();
    }

    /** Time with a segment in flight but not inside the executor (scheduling, transfer), over the capacity. */
    public double schedulingShare() {
        return capacity() == 0 ? 0 : Math.max(0, inFlightSeconds - busySeconds) / capacity();
    }

    /** Slot time with no segment in flight, over the capacity. */
    public double idleShare() {
        return capacity() == 0 ? 0 : Math.max(0, 1 - inFlightSeconds / capacity());
    }

    private double capacity() {
        return slots * spanSeconds;
    }
}
