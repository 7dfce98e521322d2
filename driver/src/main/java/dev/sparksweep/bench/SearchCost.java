package dev.sparksweep.bench;

import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.app.SweepRun;
import dev.sparksweep.worker.TrialTimings;
import java.util.List;

/**
 * One benchmarked search: throughput, and where the trials' time went, summed over trials (seconds).
 * Candidates per minute count the search itself, from the first submit to the last result.
 *
 * @param residentMib the driver JVM's resident memory after each trial, in finishing order
 */
public record SearchCost(
        String master,
        String engine,
        int parallelism,
        int candidates,
        double wallSeconds,
        double searchSeconds,
        double cpuSeconds,
        double candidatesPerMinute,
        long epochs,
        long steps,
        double stepsPerCpuSecond,
        String winner,
        double winnerTestAccuracy,
        double queuedSeconds,
        double sparkOverheadSeconds,
        double buildSeconds,
        double trainSeconds,
        double evalSeconds,
        double serializeSeconds,
        double jobSeconds,
        double overheadShare,
        List<Double> residentMib) {

    public static SearchCost of(SweepRun.Outcome o, List<Double> residentMib) {
        List<TrialRecord> trials = o.leaderboard().ranked();
        double queued = 0;
        double overhead = 0;
        double build = 0;
        double train = 0;
        double eval = 0;
        double serialize = 0;
        double job = 0;
        for (TrialRecord r : trials) {
            TrialTimings t = r.timings();
            queued += t.queuedMillis();
            overhead += t.sparkOverheadMillis();
            build += t.buildMillis();
            train += t.trainMillis();
            eval += t.evalMillis();
            serialize += t.serializeMillis();
            job += t.jobMillis();
        }
        long epochs = trials.stream().mapToLong(TrialRecord::epochsTrained).sum();
        long steps = trials.stream().mapToLong(TrialRecord::steps).sum();
        return new SearchCost(o.master(), o.engine().key(), o.parallelism(), trials.size(), o.wallSeconds(), o.searchSeconds(),
                o.cpuSeconds(), trials.size() / o.searchSeconds() * 60, epochs, steps, steps / o.cpuSeconds(),
                o.test() == null ? null : o.test().trialId(), o.test() == null ? Double.NaN : o.test().accuracy(),
                queued / 1e3, overhead / 1e3, build / 1e3, train / 1e3, eval / 1e3, serialize / 1e3, job / 1e3,
                job > 0 ? overhead / job : Double.NaN, List.copyOf(residentMib));
    }
}
