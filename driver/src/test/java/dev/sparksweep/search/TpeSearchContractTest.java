package dev.sparksweep.search;

import dev.sparksweep.search.tpe.TpeSearch;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Monitor;

/** TPE in its reproducible mode, with three slots and the model on after four trials, keeps the contract. */
class TpeSearchContractTest extends SearchStrategyContract {
    @Override
    SearchStrategy create(SearchSpace space, long seed, int maxTrials) {
        return new TpeSearch(space, seed, maxTrials, Monitor.VAL_ACCURACY, 4, true, 3);
    }
}
