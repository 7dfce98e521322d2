package dev.sparksweep.app;

import dev.sparksweep.config.ExecutionConfig;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.space.CandidateFactory;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import java.util.Locale;

/**
 * {@code sweep validate}'s estimate of which execution mode fits: from the training data's size and the largest
 * candidate's arithmetic per epoch. Per-candidate mode is right while one core trains an epoch of the largest
 * candidate in well under a minute and the data fits in an executor beside its copy of the broadcast.
 */
public final class ModeAdvice {
    /** A deliberately low single-core rate for dense training, so the estimate errs towards slower. */
    static final double FLOPS_PER_CORE = 1e9;
    static final double EPOCH_SECONDS_LIMIT = 60;
    static final double DATA_MIB_LIMIT = 1024;

    private ModeAdvice() {
    }

    public static String advise(SweepConfig cfg, PreparedData data) {
        int f = data.training().numFeatures();
        int k = data.training().numClasses();
        int rows = data.training().trainRows();
        int layers = most(cfg.space(), "hidden_layers");
        long params = 0;
        int in = f;
        StringBuilder shape = new StringBuilder().append(f);
        for (int l = 0; l < layers; l++) {
            String layerKey = CandidateFactory.layerWidthKey(l);
            String key = cfg.space().dimensions().stream().anyMatch(d -> d.name().equals(layerKey)) ? layerKey
                    : "width";
            int w = most(cfg.space(), key);
            params += (long) in * w + w;
            shape.append('-').append(w);
            in = w;
        }
        params += (long) in * k + k;
        shape.append('-').append(k);
        double flops = 6.0 * rows * params;
        double seconds = flops / FLOPS_PER_CORE;
        double mib = (rows + data.training().valRows()) * (double) f * Float.BYTES / (1024 * 1024);
        boolean big = seconds > EPOCH_SECONDS_LIMIT || mib > DATA_MIB_LIMIT;
        String fits = big ? "data_parallel" : "per_candidate";
        String facts = String.format(Locale.ROOT, "training data %.1f MiB; the largest candidate (%s, %,d parameters) "
                + "needs ~%.2f GFLOP an epoch, ~%.1f s on one core at %.0f GFLOP/s", mib, shape, params, flops / 1e9,
                seconds, FLOPS_PER_CORE / 1e9);
        String configured = cfg.execution().mode() == ExecutionConfig.Mode.DATA_PARALLEL ? "data_parallel"
                : "per_candidate";
        String verdict = fits.equals(configured) ? "mode " + configured + " fits" : "mode " + configured
                + " is set, but " + fits + " fits better";
        return verdict + " (" + facts + "). data_parallel pays off when an epoch of one candidate takes over a "
                + "minute on one core or the data exceeds " + (int) DATA_MIB_LIMIT + " MiB; below that, training "
                + "candidates side by side uses the cluster better.";
    }

    /** The largest value a hyperparameter takes in the space. */
    static int most(SearchSpace space, String key) {
        for (Dimension d : space.dimensions()) {
            if (d.name().equals(key)) {
                return d instanceof Dimension.IntRange r ? r.high()
                        : d.values().stream().mapToInt(v -> ((Number) v).intValue()).max().orElse(0);
            }
        }
        return 0;
    }
}
