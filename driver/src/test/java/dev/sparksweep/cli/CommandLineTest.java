package dev.sparksweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Argument errors: one line saying what is wrong, a pointer to --help, exit code 2. */
class CommandLineTest {
    @Test
    void versionNamesTheStack() {
        Cli.Result r = Cli.sweep("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("sparksweep \\S+ \\(Spark 3\\.5\\.9, DL4J 1\\.0\\.0-M2\\.1, Java 17\\S*\\)\\n"), r.out());
    }

    @Test
    void aBadEngineIsRefused() {
        Cli.Result r = Cli.sweep("run", "x.yaml", "--engine", "torch");
        assertEquals(2, r.code());
        assertEquals("sweep: Invalid value for option '--engine': must be one of auto | dl4j | jvm, but got torch\n"
                + "Try 'sweep run --help' for more.\n", r.err());
    }

    @Test
    void aMissingConfigArgumentIsRefused() {
        Cli.Result r = Cli.sweep("run");
        assertEquals(2, r.code());
        assertEquals("sweep: Missing required parameter: 'CONFIG'\nTry 'sweep run --help' for more.\n", r.err());
    }

    @Test
    void aZeroParallelismIsRefused() {
        Cli.Result r = Cli.sweep("run", "x.yaml", "--parallelism", "0");
        assertEquals(2, r.code());
        assertEquals("sweep: --parallelism: must be an integer >= 1, but got 0\nTry 'sweep run --help' for more.\n",
                r.err());
    }

    @Test
    void forceAndResumeTogetherAreRefused() {
        Cli.Result r = Cli.sweep("run", "x.yaml", "--force", "--resume");
        assertEquals(2, r.code());
        assertEquals("sweep: --force and --resume: only one may be given, but got both\n"
                + "Try 'sweep run --help' for more.\n", r.err());
    }

    @Test
    void noCommandIsRefused() {
        Cli.Result r = Cli.sweep();
        assertEquals(2, r.code());
        assertEquals("sweep: a command is required (run, validate, predict, report, bench, gpu)\nTry 'sweep --help' for more.\n", r.err());
    }

    @Test
    void aBadBaselineIsRefused() {
        Cli.Result r = Cli.sweep("bench", "x.yaml", "--baseline", "sklearn");
        assertEquals(2, r.code());
        assertEquals("sweep: --baseline: must be mllib, but got sklearn\nTry 'sweep bench --help' for more.\n", r.err());
    }
}
