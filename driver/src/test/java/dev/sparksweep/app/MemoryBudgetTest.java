package dev.sparksweep.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Optimizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** MemoryBudget's arithmetic, without Spark. */
class MemoryBudgetTest {
    static final MemoryBudget.Available FOUR_GIB = new MemoryBudget.Available(4L << 30, "an executor has",
            "spark.executor.memory");

    @Test
    void parametersAreWeightsAndBiasesOfEveryLayer() {
        assertEquals(65.0 * 8 + 9 * 10, MemoryBudget.parameters(64, List.of(8L), 10));
        assertEquals(5.0 * 3 + 4 * 2 + 3 * 2, MemoryBudget.parameters(4, List.of(3L, 2L), 2));
        assertEquals(3.0 * 2, MemoryBudget.parameters(2, List.of(), 2));
        // beyond a long's range it still counts
        assertEquals(2e9 + (1e9 + 1) * 2e9 + (2e9 + 1), MemoryBudget.parameters(1, List.of(1_000_000_000L, 2_000_000_000L), 1),
                1e6);
    }

    @Test
    void bytesAreParametersGradientsAndTheOptimisersStateInFloat32() {
        assertEquals(100 * 4 * 2, MemoryBudget.bytesNeeded(100, Optimizer.SGD));
        assertEquals(100 * 4 * 3, MemoryBudget.bytesNeeded(100, Optimizer.NESTEROVS));
        assertEquals(100 * 4 * 3, MemoryBudget.bytesNeeded(100, Optimizer.RMSPROP));
        assertEquals(100 * 4 * 4, MemoryBudget.bytesNeeded(100, Optimizer.ADAM));
        assertEquals(100 * 4 * 4, MemoryBudget.bytesNeeded(100, Optimizer.ADAMAX));
    }

    @Test
    void sizesAreShownInBinaryUnits() {
        assertEquals("512 B", MemoryBudget.bytes(512));
        assertEquals("4.0 GiB", MemoryBudget.bytes(4L << 30));
        assertEquals("1.4 TiB", MemoryBudget.bytes(1.4 * (1L << 40)));
        assertEquals("1.5 KiB", MemoryBudget.bytes(1536));
    }

    @Test
    void anExecutorHasItsMemoryPlusOverhead() {
        MemoryBudget.Available d = MemoryBudget.available(new SparkConf(false), "spark://h:7077");
        assertEquals((1024L + 384) << 20, d.bytes());
        assertEquals("an executor has", d.owner());
        SparkConf big = new SparkConf(false).set("spark.executor.memory", "8g");
        assertEquals((8192L + 819) << 20, MemoryBudget.available(big, "yarn").bytes());
        big.set("spark.executor.memoryOverhead", "1g");
        assertEquals((8192L + 1024) << 20, MemoryBudget.available(big, "k8s://https://h:443").bytes());
        // a bare number is MiB, as Spark reads spark.executor.memory
        assertEquals((2048L + 384) << 20, MemoryBudget.available(new SparkConf(false)
                .set("spark.executor.memory", "2048"), "yarn").bytes());
    }

    @Test
    void aLocalMasterHasTheMachinesMemoryOrTheHeap() {
        MemoryBudget.Available a = MemoryBudget.available(new SparkConf(false), "local[2]");
        assertEquals(true, a.bytes() >= Runtime.getRuntime().maxMemory());
        assertEquals(true, a.source().endsWith("local master"));
    }

    @Test
    void theLargestCandidateHasTheMostLayersAtTheirWidestAndTheHungriestOptimiser() {
        SearchSpace space = SearchSpace.withDefaults(List.of(new Dimension.IntRange("hidden_layers", 1, 3, false),
                new Dimension.Choice("width", List.of(32, 512, 64)),
                new Dimension.Choice("optimizer", List.of(Optimizer.SGD, Optimizer.NESTEROVS, Optimizer.ADAM))));
        assertEquals(new MemoryBudget.Largest(List.of(512L, 512L, 512L), Optimizer.ADAM),
                MemoryBudget.largest(space));
        SearchSpace perLayer = SearchSpace.withDefaults(List.of(new Dimension.Fixed("hidden_layers", 2),
                new Dimension.Fixed("width_1", 100), new Dimension.IntRange("width_2", 10, 300, true)));
        assertEquals(new MemoryBudget.Largest(List.of(100L, 300L), Optimizer.ADAM), MemoryBudget.largest(perLayer));
    }

    @Test
    void aCandidateThatDoesNotFitIsRefusedWithItsLayersAndTheBytes() {
        SearchSpace space = SearchSpace.withDefaults(List.of(new Dimension.Fixed("width", 2_000_000_000)));
        BadInputException e = assertThrows(BadInputException.class, () -> MemoryBudget.check(Path.of("c.yaml"),
                space, Optional.of(new int[] {64, 10}), FOUR_GIB));
        assertEquals("c.yaml: space.width: candidate 64-2000000000-10 needs ~2.2 TiB for parameters, gradients and "
                + "adam state, but an executor has 4.0 GiB (spark.executor.memory); lower width or hidden_layers",
                e.getMessage());
        SearchSpace sgd = space.with(new Dimension.Fixed("optimizer", Optimizer.SGD));
        e = assertThrows(BadInputException.class, () -> MemoryBudget.check(null, sgd, Optional.empty(), FOUR_GIB));
        assertEquals("space.width: candidate ?-2000000000-? needs at least ~59.6 GiB for parameters and gradients "
                + "(with any data's features and classes), but an executor has 4.0 GiB (spark.executor.memory); "
                + "lower width or hidden_layers", e.getMessage());
    }

    @Test
    void aCandidateThatFitsPasses() {
        SearchSpace space = SearchSpace.withDefaults(List.of(new Dimension.Choice("width", List.of(64, 4096)),
                new Dimension.Choice("hidden_layers", List.of(1, 2))));
        MemoryBudget.check(null, space, Optional.of(new int[] {784, 10}), FOUR_GIB);
    }
}
