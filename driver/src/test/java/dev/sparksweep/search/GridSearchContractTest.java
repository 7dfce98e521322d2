package dev.sparksweep.search;

import dev.sparksweep.space.SearchSpace;

class GridSearchContractTest extends SearchStrategyContract {
    @Override
    SearchStrategy create(SearchSpace space, long seed, int maxTrials) {
        return new GridSearch(space, seed, maxTrials);
    }
}
