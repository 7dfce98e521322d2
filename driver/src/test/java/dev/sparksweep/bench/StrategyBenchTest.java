package dev.sparksweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.SearchConfig;
import dev.sparksweep.config.SearchConfig.Sampler;
import dev.sparksweep.config.SearchConfig.Strategy;
import dev.sparksweep.worker.Monitor;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyBenchTest {
    @Test
    void armsNameAStrategyAndOptionallyTheirTrials() {
        assertEquals(new StrategyBench.Arm("tpe:24", Strategy.TPE, Sampler.RANDOM, 24),
                StrategyBench.Arm.parse("tpe:24"));
        assertEquals(new StrategyBench.Arm("halving+tpe", Strategy.HALVING, Sampler.TPE, null),
                StrategyBench.Arm.parse("halving+tpe"));
        assertEquals("--strategies: each must be random, tpe, halving or halving+tpe, optionally with :N trials, "
                + "but got bayes:3", assertThrows(BadInputException.class,
                        () -> StrategyBench.Arm.parse("bayes:3")).getMessage());
        assertEquals("--strategies: the trial count after ':' must be an integer >= 1, but got tpe:0",
                assertThrows(BadInputException.class, () -> StrategyBench.Arm.parse("tpe:0")).getMessage());
        assertEquals("--strategies: the trial count after ':' must be an integer >= 1, but got random:2:3",
                assertThrows(BadInputException.class, () -> StrategyBench.Arm.parse("random:2:3")).getMessage());
    }

    @Test
    void anArmKeepsTheTrainingSeedAndVariesOnlyTheSamplersSeed() {
        SearchConfig base = new SearchConfig(Strategy.RANDOM, Monitor.VAL_ACCURACY, 48, null, null, 42, 1, 3, false);
        SearchConfig tpe = StrategyBench.Arm.parse("tpe:24").search(base, 7);
        assertEquals(Strategy.TPE, tpe.strategy());
        assertEquals(24, tpe.maxTrials());
        assertEquals(42, tpe.seed());
        assertEquals(7, tpe.samplingSeed());
        SearchConfig random = StrategyBench.Arm.parse("random").search(base, 3);
        assertEquals(48, random.maxTrials());
        assertEquals(3, random.samplingSeed());
    }

    @Test
    void summariesCountTheRunsThatRanTheGridsBest() {
        List<StrategyBench.Run> runs = List.of(
                new StrategyBench.Run("tpe", 1, "a", 24, 24, 0, "c1", 0.98, 0.97, 800, 9, 20, true, true),
                new StrategyBench.Run("tpe", 2, "b", 24, 24, 0, "c2", 0.97, 0.96, 900, 11, 20, false, true),
                new StrategyBench.Run("tpe", 3, "c", 24, 23, 1, "c3", 0.96, 0.95, 700, 10, 20, false, false));
        StrategyBench.Summary s = StrategyBench.summarise("tpe", runs, true);
        assertEquals(3, s.runs());
        assertEquals(0.97, s.meanBest(), 1e-12);
        assertEquals(0.97, s.medianBest(), 1e-12);
        assertEquals(1, s.foundTop1());
        assertEquals(2, s.foundTop2());
        assertEquals(800, s.meanEpochs(), 1e-12);
        assertEquals(1, s.repeated());
        assertEquals(0.975, StrategyBench.median(new double[] {0.98, 0.97}), 1e-12);
    }
}
