package dev.sparksweep.search;

import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialState;
import dev.sparksweep.worker.TrialStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The driver's loop: keeps {@code parallelism} segments in flight, hands every result to the strategy and every
 * finished trial to {@code onResult}, on this one thread (so the listener may write the run directory without
 * locks). A job that fails outside the worker becomes a FAILED result; the search goes on. The strategy is
 * asked again after each result it is told, so what it is asked and told depends only on the results and, in
 * unordered mode, their arrival order.
 *
 * <p>A segment that ends able to continue has its state put in the {@link CheckpointStore} as it arrives; the
 * strategy then holds only the parked form, and the state is read back when the trial is continued.
 *
 * <p>With {@code ordered}, results reach the strategy in the order their segments were started, whatever order
 * they finish in: an adaptive strategy then decides the same way in every run, at the price of a slot waiting
 * for a slower segment started before its own.
 */
public final class SearchRunner {
    /** What the runner did, in the order it did it: a resumed run replays it (see {@link Replay}). */
    public interface Listener {
        /** Segment {@code seq} was started: the request as the strategy made it. */
        default void started(long seq, TrialRequest request) {
        }

        /** Segment {@code seq} ended with {@code result} (parked when it can continue; its state is stored). */
        default void ended(long seq, TrialResult result) {
        }

        /** Segment {@code seq}'s result was told to the strategy, which decided {@code trialOver} (if over). */
        default void told(long seq, TrialResult result, Optional<TrialResult> trialOver) {
        }

        /** The strategy ended a paused trial when the search ended. */
        default void closed(TrialResult result) {
        }

        /** Something the user should see, such as a checkpoint that could not be read. */
        default void note(String line) {
        }
    }

    private static final Listener SILENT = new Listener() {
    };
    /**
     * A planned strategy's short segments are trained several to a task, about this many milliseconds of training
     * each: a Spark job and task cost tens of milliseconds of CPU, which a tiny trial would otherwise pay alone.
     * Results of a group arrive when its task ends, so this also bounds how late they are journalled.
     */
    static final double GROUP_MILLIS = 500;
    /** At most this many segments to a task. */
    static final int MAX_GROUP = 32;

    private final SearchStrategy strategy;
    private final TrialExecutor executor;
    private final int parallelism;
    private final Duration maxTime;
    private final boolean ordered;
    private CheckpointStore checkpoints = CheckpointStore.inMemory();
    private Listener listener = SILENT;

    public SearchRunner(SearchStrategy strategy, TrialExecutor executor, int parallelism, Duration maxTime) {
        this(strategy, executor, parallelism, maxTime, false);
    }

    public SearchRunner(SearchStrategy strategy, TrialExecutor executor, int parallelism, Duration maxTime,
                        boolean ordered) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism >= 1 must hold, but got " + parallelism);
        }
        this.strategy = strategy;
        this.executor = executor;
        this.parallelism = parallelism;
        this.maxTime = maxTime;
        this.ordered = ordered;
    }

    /** Where paused trials' states wait; in memory unless set. */
    public SearchRunner checkpoints(CheckpointStore store) {
        this.checkpoints = store;
        return this;
    }

    public SearchRunner listener(Listener l) {
        this.listener = l;
        return this;
    }

    /** @param logged whether the listener has been told the segment ended */
    private record Done(long seq, TrialResult result, boolean logged) {
        Done(long seq, TrialResult result) {
            this(seq, result, false);
        }
    }

    /** The loop's own state, for one run. */
    private final class Loop {
        final long deadline = maxTime == null ? Long.MAX_VALUE : System.nanoTime() + maxTime.toNanos();
        final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        /** Keyed by seq in ordered mode, by arrival otherwise. */
        final TreeMap<Long, Done> waiting = new TreeMap<>();
        final Consumer<TrialResult> onResult;
        long nextSeq;
        /** The worker's time of the segments that arrived so far, and how many: for {@link #groupSize}. */
        double segmentMillis;
        long timedSegments;
        long arrivals;
        long told;
        int inFlight;
        int finished;
        boolean outOfTime;
        /** A resumed search that was closing when it stopped starts nothing new. */
        boolean closing;

        Loop(Consumer<TrialResult> onResult) {
            this.onResult = onResult;
        }

        void ask() {
            if (closing) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                outOfTime = true;
                return;
            }
            int group = groupSize();
            if (group > 1) {
                askGroups(group);
                return;
            }
            List<TrialRequest> asked = strategy.ask(parallelism - inFlight);
            long[] seqs = new long[asked.size()];
            for (int i = 0; i < seqs.length; i++) {
                seqs[i] = nextSeq++;
                listener.started(seqs[i], asked.get(i));
            }
            submit(seqs, asked);
        }

        /**
         * How many segments one task trains in turn: 1, unless the strategy's plan does not depend on results and
         * its segments so far were short; then as many as fill about {@link #GROUP_MILLIS} of training.
         */
        int groupSize() {
            if (!strategy.plannedAhead() || timedSegments == 0) {
                return 1;
            }
            double mean = segmentMillis / timedSegments;
            return (int) Math.max(1, Math.min(MAX_GROUP, Math.floor(GROUP_MILLIS / Math.max(1.0, mean))));
        }

        /** Asks ahead, a group at a time, so that up to {@code parallelism} groups are in flight. */
        void askGroups(int group) {
            List<List<TrialRequest>> groups = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            int queued = inFlight;
            while (queued + group <= parallelism * group) {
                List<TrialRequest> asked = strategy.ask(group);
                if (asked.isEmpty()) {
                    break;
                }
                List<TrialRequest> runs = new ArrayList<>(asked.size());
                for (TrialRequest req : asked) {
                    long seq = nextSeq++;
                    listener.started(seq, req);
                    seqs.add(seq);
                    runs.add(resolve(req));
                }
                groups.add(runs);
                queued += asked.size();
            }
            if (groups.isEmpty()) {
                return;
            }
            List<CompletableFuture<TrialResult>> futures = executor.submitGroups(groups);
            int i = 0;
            for (List<TrialRequest> g : groups) {
                for (TrialRequest run : g) {
                    watch(seqs.get(i), run, futures.get(i));
                    i++;
                }
            }
        }

        void watch(long seq, TrialRequest run, CompletableFuture<TrialResult> future) {
            future.whenComplete((r, err) -> done.add(new Done(seq, err == null ? r : failed(run.candidate(), err))));
            inFlight++;
        }

        void submit(long seq, TrialRequest req) {
            submit(new long[] {seq}, List.of(req));
        }

        /** Segments asked together go to the executor together (one Spark job of several tasks). */
        void submit(long[] seqs, List<TrialRequest> reqs) {
            if (reqs.isEmpty()) {
                return;
            }
            List<TrialRequest> runs = new ArrayList<>(reqs.size());
            reqs.forEach(req -> runs.add(resolve(req)));
            List<CompletableFuture<TrialResult>> futures = executor.submitAll(runs);
            for (int i = 0; i < seqs.length; i++) {
                watch(seqs[i], runs.get(i), futures.get(i));
            }
        }

        /**
         * A segment that can continue is stored and logged as it arrives, so that a crash does not lose it while
         * it waits its turn; one that ends its trial is logged when told (its kept parameters go to onResult).
         */
        void arrive(Done d) {
            TrialResult r = d.result();
            if (r.timings().totalMillis() > 0) {
                segmentMillis += r.timings().totalMillis();
                timedSegments++;
            }
            if (!r.canContinue()) {
                queue(d);
                return;
            }
            checkpoints.save(r.id(), r.state());
            r = r.parked();
            listener.ended(d.seq(), r);
            queue(new Done(d.seq(), r, true));
        }

        void queue(Done d) {
            waiting.put(ordered ? d.seq() : arrivals++, d);
        }

        void tellReady() {
            while (waiting.containsKey(told)) {
                Done d = waiting.remove(told++);
                inFlight--;
                TrialResult r = d.result();
                if (!d.logged()) {
                    listener.ended(d.seq(), r);
                }
                Optional<TrialResult> over = strategy.tell(r);
                // the journal first: a trial journalled but not logged as told is told again on resume, and
                // its second journal line skipped; the other way round it would be lost
                over.ifPresent(o -> {
                    finished++;
                    onResult.accept(unpark(o));
                });
                listener.told(d.seq(), r, over);
                if (over.isPresent()) {
                    checkpoints.delete(r.id());
                } else if (r.canContinue()) {
                    checkpoints.dropBefore(r.id(), r.epochsTrained());
                }
                ask();
            }
        }
    }

    /** Runs a new search; see {@link #run(Consumer, Replay.Point)}. */
    public int run(Consumer<TrialResult> onResult) throws InterruptedException {
        return run(onResult, Replay.Point.FRESH);
    }

    /**
     * Runs until the strategy has nothing more to start and nothing is in flight, or until the time budget is
     * spent (segments in flight then finish); returns how many trials finished.
     *
     * @param from where a resumed search stands (its strategy replayed to it); {@link Replay.Point#FRESH} for a
     *     new one
     */
    public int run(Consumer<TrialResult> onResult, Replay.Point from) throws InterruptedException {
        Loop loop = new Loop(onResult);
        loop.nextSeq = from.nextSeq();
        loop.closing = from.closing();
        loop.outOfTime = from.outOfTime();
        loop.told = ordered ? from.nextSeq() : 0;
        for (Replay.Pending p : from.inFlight()) {
            loop.told = Math.min(loop.told, p.seq());
            loop.submit(p.seq(), p.request());
        }
        for (Replay.Arrived a : from.arrived()) {
            loop.told = ordered ? Math.min(loop.told, a.seq()) : loop.told;
            loop.inFlight++;
            loop.queue(new Done(a.seq(), a.result(), true));
        }
        loop.tellReady();
        loop.ask();
        while (loop.inFlight > 0) {
            loop.arrive(loop.done.take());
            loop.tellReady();
        }
        for (TrialResult r : strategy.close(loop.outOfTime)) {
            loop.finished++;
            onResult.accept(unpark(r));
            listener.closed(r);
            checkpoints.delete(r.id());
        }
        return loop.finished;
    }

    /**
     * The request as it can be trained: a parked state swapped for the stored one. When that cannot be read,
     * the trial continues from an earlier stored state, or trains again from scratch, and the listener is told.
     */
    private TrialRequest resolve(TrialRequest req) {
        TrialState from = req.from();
        if (from == null || !from.isParked()) {
            return req;
        }
        Optional<TrialState> stored = checkpoints.load(req.id(), req.untilEpoch(), listener::note);
        if (stored.isPresent() && stored.get().epochs() >= from.epochs()) {
            return new TrialRequest(req.candidate(), stored.get(), req.untilEpoch());
        }
        if (stored.isPresent()) {
            listener.note("trial " + req.id() + " continues from its checkpoint at epoch " + stored.get().epochs()
                    + ", not " + from.epochs() + ", to epoch " + req.untilEpoch());
            return new TrialRequest(req.candidate(), stored.get(), req.untilEpoch());
        }
        listener.note("trial " + req.id() + " trains again from scratch to epoch " + req.untilEpoch()
                + ": no readable checkpoint at epoch " + from.epochs());
        return new TrialRequest(req.candidate(), null, req.untilEpoch());
    }

    /** A final result whose kept parameters are in the store (a trial ended while paused) gets them back. */
    private TrialResult unpark(TrialResult r) {
        if (r.bestParams().length > 0 || r.status() == TrialStatus.FAILED || r.bestEpoch() == 0
                || !checkpoints.has(r.id())) {
            return r;
        }
        Optional<TrialState> stored = checkpoints.load(r.id(), r.epochsTrained(), listener::note);
        return stored.filter(s -> s.epochs() == r.epochsTrained() && s.bestParams() != null)
                .map(r::unparked).orElse(r);
    }

    static TrialResult failed(Candidate c, Throwable err) {
        Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage().lines().findFirst().orElse("");
        return TrialResult.failed(c, "spark job failed: " + msg);
    }
}
