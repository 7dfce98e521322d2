package dev.sparksweep.common;

import java.util.concurrent.ThreadFactory;

/** Threads that do not keep the JVM alive once the command's own work has ended. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A factory of daemon threads, each called {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
