package dev.sparksweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Argument errors: one line saying what is wrong, a pointer to --help, exit code 2. */
class CommandLineTest {
    record Result(int code, String out, String err) {
    }

    static Result sweep(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionNamesTheStack() {
        Result r = sweep("--version");
        assertEquals(0, r.code);
        assertTrue(r.out.matches("sparksweep \\S+ \\(Spark 3\\.5\\.9, DL4J 1\\.0\\.0-M2\\.1, Java 17\\S*\\)\\n"), r.out);
    }

    @Test
    void aBadEngineIsRefused() {
        Result r = sweep("run", "x.yaml", "--engine", "torch");
        assertEquals(2, r.code);
        assertEquals("sweep: Invalid value for option '--engine': must be one of auto | dl4j | jvm, but got torch\n"
                + "Try 'sweep run --help' for more.\n", r.err);
    }

    @Test
    void aMissingConfigArgumentIsRefused() {
        Result r = sweep("run");
        assertEquals(2, r.code);
        assertEquals("sweep: Missing required parameter: 'CONFIG'\nTry 'sweep run --help' for more.\n", r.err);
    }

    @Test
    void aZeroParallelismIsRefused() {
        Result r = sweep("run", "x.yaml", "--parallelism", "0");
        assertEquals(2, r.code);
        assertEquals("sweep: --parallelism: must be an integer >= 1, but got 0\nTry 'sweep run --help' for more.\n",
                r.err);
    }

    @Test
    void noCommandIsRefused() {
        Result r = sweep();
        assertEquals(2, r.code);
        assertEquals("sweep: a command is required (run, validate, bench)\nTry 'sweep --help' for more.\n", r.err);
    }

    @Test
    void aBadBaselineIsRefused() {
        Result r = sweep("bench", "x.yaml", "--baseline", "sklearn");
        assertEquals(2, r.code);
        assertEquals("sweep: --baseline: must be mllib, but got sklearn\nTry 'sweep bench --help' for more.\n", r.err);
    }
}
