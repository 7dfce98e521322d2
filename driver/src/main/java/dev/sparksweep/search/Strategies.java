package dev.sparksweep.search;

import dev.sparksweep.config.SearchConfig;
import dev.sparksweep.search.tpe.TpeSearch;
import dev.sparksweep.space.SearchSpace;

/** The strategy a config asks for. */
public final class Strategies {
    private Strategies() {
    }

    public static SearchStrategy create(SearchConfig search, SearchSpace space) {
        return switch (search.strategy()) {
            case GRID -> new GridSearch(space, search.seed(), search.maxTrials());
            case RANDOM -> new RandomSearch(space, search.seed(), search.samplingSeed(), search.maxTrials());
            case HALVING -> new HalvingSearch(search.sampler() == SearchConfig.Sampler.TPE
                    // the model need not wait for results: halving's ordered tells already fix the sequence
                    ? new TpeSearch(space, search.seed(), search.samplingSeed(), search.maxTrials(),
                            search.objective(), search.startupTrials(), false, 0)
                    : new RandomSearch(space, search.seed(), search.samplingSeed(), search.maxTrials()),
                    space, search.seed(), search.minEpochs(), search.eta(), search.objective());
            case TPE -> new TpeSearch(space, search.seed(), search.samplingSeed(), search.maxTrials(),
                    search.objective(), search.startupTrials(), search.ordered(), 0);
        };
    }
}
