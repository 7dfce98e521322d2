package dev.sparksweep.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a command's CPU and wall time go, phase by phase, for the benchmark: {@code SPARKSWEEP_PHASES=1} prints
 * the table on stderr when the command ends. Each mark closes the phase that ran since the previous one; the
 * first phase runs from the JVM's start, so it holds the JVM's own start-up.
 */
public final class Phases {
    private static final boolean ON = "1".equals(System.getenv("SPARKSWEEP_PHASES"));
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<long[]> AT = new ArrayList<>();
    private static final List<String> EXTRA = new ArrayList<>();

    private Phases() {
    }

    /** Ends the phase called {@code name}. */
    public static synchronized void mark(String name) {
        if (ON) {
            NAMES.add(name);
            AT.add(new long[] {ProcessStats.processTreeCpuNanos(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()});
        }
    }

    /** A line printed under the table, e.g. what a part of a phase cost. */
    public static synchronized void extra(String line) {
        if (ON) {
            EXTRA.add(line);
        }
    }

    /** The table, one line per phase (CPU seconds of this JVM and its child processes, then wall seconds). */
    public static synchronized List<String> table() {
        List<String> lines = new ArrayList<>();
        if (!ON) {
            return lines;
        }
        lines.add(String.format(Locale.ROOT, "%-22s %8s %8s", "phase", "cpu s", "wall s"));
        long cpu = 0;
        long wall = 0;
        for (int i = 0; i < NAMES.size(); i++) {
            long[] at = AT.get(i);
            lines.add(String.format(Locale.ROOT, "%-22s %8.2f %8.2f", NAMES.get(i), (at[0] - cpu) / 1e9,
                    (at[1] - wall) / 1e3));
            cpu = at[0];
            wall = at[1];
        }
        lines.add(String.format(Locale.ROOT, "%-22s %8.2f %8.2f", "total", cpu / 1e9, wall / 1e3));
        lines.addAll(EXTRA);
        return lines;
    }
}
