package dev.sparksweep.search.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Activation;
import dev.sparksweep.worker.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What TPE models: lists as categories (optimizer and activation included), ranges as numeric kernels. */
class EncodingTest {
    @Test
    void listsAreCategoricalAndRangesNumericIncludingEarlyStoppingsParts() {
        SearchSpace space = SearchSpace.withDefaults(List.of(
                new Dimension.Choice("optimizer", List.of(Optimizer.ADAM, Optimizer.SGD, Optimizer.RMSPROP)),
                new Dimension.Choice("activation", List.of(Activation.values())),
                new Dimension.DoubleRange("learning_rate", 1e-4, 1e-2, true),
                new Dimension.IntRange("early_stopping.patience", 2, 10, false),
                new Dimension.Choice("early_stopping.min_delta", List.of(0.0, 0.001))));
        List<Axis> axes = new Encoding(space).axes();
        assertEquals(List.of(
                new Axis.Categorical("optimizer", List.of(Optimizer.ADAM, Optimizer.SGD, Optimizer.RMSPROP)),
                new Axis.Categorical("activation", List.of(Activation.values())),
                new Axis.Numeric("learning_rate", 1e-4, 1e-2, true, false),
                new Axis.Numeric("early_stopping.patience", 2, 10, false, true),
                new Axis.Categorical("early_stopping.min_delta", List.of(0.0, 0.001))), axes);
    }
}
