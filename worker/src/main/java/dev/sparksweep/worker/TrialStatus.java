package dev.sparksweep.worker;

public enum TrialStatus {
    COMPLETE, FAILED, PRUNED
}
