package dev.sparksweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.space.Candidates;
import dev.sparksweep.worker.Engine;
import dev.sparksweep.worker.NetworkFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's arithmetic, not its timings: timings belong to scripts/bench. */
class StepBenchmarkTest {
    @Test
    void parameterCountsMatchDl4jsNetworks() {
        for (StepBenchmark.Net net : StepBenchmark.NETS) {
            var c = Candidates.of(Map.of("hidden_layers", net.hidden().size(), "width", net.hidden().get(0),
                    "batch_size", 1, "epochs", 1), 1);
            assertEquals(NetworkFactory.build(c, net.inputs(), net.classes()).numParams(), net.parameters(),
                    net.label());
        }
        assertEquals(List.of("64-64-10", "64-128-128-10", "784-256-10"),
                StepBenchmark.NETS.stream().map(StepBenchmark.Net::label).toList());
    }

    @Test
    void aMeasurementCountsWholeEpochsOfStepsAndDerivesGflopsFromThreadTime() {
        for (Engine e : List.of(Engine.DL4J, Engine.JVM)) {
            StepBenchmark.Row r = StepBenchmark.measure(e, StepBenchmark.NETS.get(0), 5, 0.05);
            assertEquals(e.key(), r.engine());
            assertTrue(r.steps() >= 20 && r.steps() % 20 == 0, "steps " + r.steps());
            assertEquals(6.0 * 4810 * 5 / (r.threadMicros() * 1e3), r.gflops(), 1e-9);
        }
    }
}
