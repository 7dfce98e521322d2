package dev.sparksweep.space;

import dev.sparksweep.common.Sha256;
import dev.sparksweep.worker.Candidate;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a point of the space into a Candidate whose id is a hash of its hyperparameters and seed. */
public final class CandidateFactory {
    private CandidateFactory() {
    }

    public static Candidate create(Map<String, Object> point, long seed) {
        Candidate.Builder b = Candidate.builder("").seed(seed);
        for (Hyperparameter h : Hyperparameter.values()) {
            h.place(point, b);
        }
        Candidate unnamed = b.build();
        return unnamed.withId(idOf(unnamed));
    }

    /** The space dimension of hidden layer {@code layer}'s width (0-based) under {@code widths:}. */
    public static String layerWidthKey(int layer) {
        return Hyperparameter.layerWidthKey(layer);
    }

    /** "c" and 10 hex digits of SHA-256 over the canonical hyperparameters and the seed. */
    public static String idOf(Candidate c) {
        String canonical = Hyperparameter.shown(c).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";")) + ";seed=" + c.seed();
        return "c" + Sha256.hex(canonical).substring(0, 10);
    }
}
