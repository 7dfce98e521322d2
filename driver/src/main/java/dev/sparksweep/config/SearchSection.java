package dev.sparksweep.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.SearchConfig.Strategy;
import dev.sparksweep.worker.Monitor;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Parses {@code search:} into a SearchConfig. */
final class SearchSection {
    private SearchSection() {
    }

    static SearchConfig parse(Section s) {
        s.allow("strategy", "objective", "max_trials", "max_time", "trial_timeout", "seed", "min_epochs", "eta",
                "reproducible", "startup_trials", "sampler", "sampler_seed");
        Strategy strategy = s.enumeration("strategy", Strategy.class, Strategy.GRID);
        String got = "strategy " + strategy.name().toLowerCase(Locale.ROOT);
        if (strategy != Strategy.HALVING) {
            for (String k : List.of("min_epochs", "eta")) {
                if (s.has(k)) {
                    throw s.fail("search." + k, "applies to strategy halving only", got);
                }
            }
        }
        if (strategy != Strategy.HALVING && strategy != Strategy.TPE && s.has("reproducible")) {
            throw s.fail("search.reproducible", "applies to strategies halving and tpe only", got);
        }
        if (strategy != Strategy.HALVING && s.has("sampler")) {
            throw s.fail("search.sampler", "applies to strategy halving only", got);
        }
        if (strategy == Strategy.GRID && s.has("sampler_seed")) {
            throw s.fail("search.sampler_seed", "applies to strategies random, halving and tpe only", got);
        }
        SearchConfig.Sampler sampler = s.enumeration("sampler", SearchConfig.Sampler.class,
                SearchConfig.Sampler.RANDOM);
        boolean tpe = strategy == Strategy.TPE || sampler == SearchConfig.Sampler.TPE;
        if (!tpe && s.has("startup_trials")) {
            throw s.fail("search.startup_trials", "applies to strategy tpe or halving with sampler tpe only", got);
        }
        int startup = s.has("startup_trials") ? s.positiveInt("startup_trials") : SearchConfig.DEFAULT_STARTUP_TRIALS;
        int minEpochs = s.has("min_epochs") ? s.positiveInt("min_epochs") : 1;
        int eta = 3;
        if (s.has("eta")) {
            JsonNode v = s.node.get("eta");
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 2) {
                throw s.fail("search.eta", "must be an integer >= 2", Section.show(v));
            }
            eta = v.intValue();
        }
        Monitor objective = s.enumeration("objective", Monitor.class, Monitor.VAL_ACCURACY);
        if (strategy != Strategy.GRID && !s.has("max_trials")) {
            throw new BadInputException(s.file + ": search.max_trials: is required for strategy "
                    + strategy.name().toLowerCase(Locale.ROOT) + " but missing");
        }
        int maxTrials = s.has("max_trials") ? s.positiveInt("max_trials") : Integer.MAX_VALUE;
        Duration maxTime = s.has("max_time") ? s.duration("max_time") : null;
        Duration trialTimeout = s.has("trial_timeout") ? s.duration("trial_timeout") : null;
        return new SearchConfig(strategy, objective, maxTrials, maxTime, trialTimeout, s.longValue("seed", 42),
                minEpochs, eta, s.bool("reproducible", false), startup, sampler,
                s.has("sampler_seed") ? s.longValue("sampler_seed", 0) : null);
    }
}
