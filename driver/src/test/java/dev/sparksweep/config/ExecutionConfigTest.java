package dev.sparksweep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.ExecutionConfig.DataParallel;
import dev.sparksweep.config.ExecutionConfig.Mode;
import dev.sparksweep.worker.Engine;
import org.junit.jupiter.api.Test;

class ExecutionConfigTest {
    static final ExecutionConfig DATA_PARALLEL = new ExecutionConfig("local[*]", 0, ExecutionConfig.Backend.CPU,
            Engine.AUTO, Mode.DATA_PARALLEL, DataParallel.DEFAULT);

    @Test
    void dataParallelRefusesParallelismAboveOneAndTheJvmEngineOnTheCommandLine() {
        assertEquals("--parallelism: must be 1 with execution.mode data_parallel (one candidate at a time, across "
                + "every executor), but got 2", assertThrows(BadInputException.class,
                () -> DATA_PARALLEL.checkOverrides(2, null)).getMessage());
        assertEquals("--engine: must be auto or dl4j with execution.mode data_parallel (it trains with "
                + "dl4j-spark), but got jvm", assertThrows(BadInputException.class,
                () -> DATA_PARALLEL.checkOverrides(null, Engine.JVM)).getMessage());
        DATA_PARALLEL.checkOverrides(1, Engine.DL4J);
        DATA_PARALLEL.checkOverrides(null, null);
    }

    @Test
    void perCandidateTakesAnyOverride() {
        new ExecutionConfig("local[*]", 0, ExecutionConfig.Backend.CPU, Engine.AUTO).checkOverrides(8, Engine.JVM);
    }
}
