package dev.sparksweep.config;

import dev.sparksweep.worker.Monitor;
import java.time.Duration;

/**
 * @param maxTrials the most trials to run; Integer.MAX_VALUE when not set
 * @param maxTime wall-clock budget for the whole search; null when not set
 * @param trialTimeout wall-clock budget for one trial; null when not set
 * @param minEpochs halving: the first rung
 * @param eta halving: rungs grow by this factor, and the top 1/eta of a rung continue
 * @param ordered results reach the strategy in the order their segments started (reproducible halving), and
 *     tpe proposes each trial from a fixed set of earlier results
 * @param startupTrials tpe (and halving with sampler tpe): the random trials before the model proposes
 * @param sampler halving: where new candidates come from
 * @param samplerSeed seeds the choice of candidates only (random, halving, tpe), so that it can vary while every
 *     candidate's own seed (its initialisation, shuffling and id) stays {@code seed}; null: {@code seed}
 */
public record SearchConfig(Strategy strategy, Monitor objective, int maxTrials, Duration maxTime,
                           Duration trialTimeout, long seed, int minEpochs, int eta, boolean ordered,
                           int startupTrials, Sampler sampler, Long samplerSeed) {
    public static final int DEFAULT_STARTUP_TRIALS = 10;

    public SearchConfig(Strategy strategy, Monitor objective, int maxTrials, Duration maxTime, Duration trialTimeout,
                        long seed, int minEpochs, int eta, boolean ordered) {
        this(strategy, objective, maxTrials, maxTime, trialTimeout, seed, minEpochs, eta, ordered,
                DEFAULT_STARTUP_TRIALS, Sampler.RANDOM, null);
    }

    /** The seed of the candidates' choice. */
    public long samplingSeed() {
        return samplerSeed == null ? seed : samplerSeed;
    }

    public SearchConfig withSamplerSeed(Long s) {
        return new SearchConfig(strategy, objective, maxTrials, maxTime, trialTimeout, seed, minEpochs, eta, ordered,
                startupTrials, sampler, s);
    }

    public SearchConfig withMaxTrials(int n) {
        return new SearchConfig(strategy, objective, n, maxTime, trialTimeout, seed, minEpochs, eta, ordered,
                startupTrials, sampler, samplerSeed);
    }

    public enum Sampler {
        RANDOM, TPE
    }

    public enum Strategy {
        GRID, RANDOM, HALVING, TPE
    }
}
