package dev.sparksweep.report;

import dev.sparksweep.common.DaemonThreads;
import dev.sparksweep.results.RunDirectory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Keeps report.html current while a run goes on: rewritten when the first trial finishes, then at most every
 * {@link HtmlReport#LIVE_SECONDS} seconds, each time as one whole file. The rewrites run on a thread of their
 * own, so the driver goes on dispatching trials meanwhile, and never closer together than 50 times the last one
 * took (the first excepted: it pays for loading the report's classes), which keeps them under 2 % of that
 * thread's time on a run of any size. It counts what they cost in CPU
 * time. A rewrite that fails is noted and skipped: the run goes on. {@link #close} waits for one in progress, so
 * the final reports are never written under it.
 */
public final class LiveReport implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int SPACING = 50;
    private final RunDirectory dir;
    private final IntSupplier planned;
    private final long intervalNanos;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("sparksweep-live-report"));
    private boolean busy;
    private long next;
    private int writes;
    private long cpuNanos;
    private String failure;

    /** @param planned how many trials the run will have in all (those already journalled included) */
    public LiveReport(RunDirectory dir, IntSupplier planned) {
        this(dir, planned, HtmlReport.LIVE_SECONDS * 1_000_000_000L);
    }

    LiveReport(RunDirectory dir, IntSupplier planned, long intervalNanos) {
        this.dir = dir;
        this.planned = planned;
        this.intervalNanos = intervalNanos;
    }

    /** Called after each journalled trial, {@code done} trials in all. */
    public synchronized void finished(int done) {
        long now = System.nanoTime();
        if (busy || (writes > 0 && now < next)) {
            return;
        }
        int all = Math.max(done, planned.getAsInt());
        if (done >= all) {
            return; // the final reports come next
        }
        busy = true;
        thread.execute(() -> write(done, all));
    }

    private void write(int done, int all) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        String error = null;
        try {
            Reports.writeLive(dir, done, all);
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        long took = System.nanoTime() - start;
        synchronized (this) {
            cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
            writes++;
            if (error != null) {
                failure = error;
            }
            // the first rewrite loads the report's classes, which later ones do not pay for again
            next = System.nanoTime() + (writes == 1 ? intervalNanos : Math.max(intervalNanos, SPACING * took));
            busy = false;
        }
    }

    public synchronized int writes() {
        return writes;
    }

    public synchronized double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    /** The last failed rewrite's error, null when none failed. */
    public synchronized String failure() {
        return failure;
    }

    /** Waits for a rewrite in progress; no more are made. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
