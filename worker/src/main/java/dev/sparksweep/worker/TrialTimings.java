package dev.sparksweep.worker;

import java.io.Serializable;

/** Where a trial's time went inside the executor, in milliseconds. */
public record TrialTimings(double buildMillis, double trainMillis, double evalMillis, double totalMillis)
        implements Serializable {

    public static final TrialTimings NONE = new TrialTimings(0, 0, 0, 0);
}
