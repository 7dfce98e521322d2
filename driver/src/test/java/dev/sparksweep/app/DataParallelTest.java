package dev.sparksweep.app;

import dev.sparksweep.results.RunDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.cli.Cli;
import dev.sparksweep.common.Json;
import dev.sparksweep.results.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * execution.mode data_parallel under real Spark local[2] with real dl4j-spark training: DL4J exports the
 * mini-batches (local mode allows it) to the configured directory, and nothing is left there afterwards. The
 * accuracy against per-candidate mode is checked on a local-cluster by the app module's DataParallelIT.
 */
@Tag("spark")
class DataParallelTest {
    @TempDir
    Path dir;

    @Test
    void validateSaysWhichModeFits() throws Exception {
        Path config = dir.resolve("dp-validate.yaml");
        Files.writeString(config, """
                name: dp
                data: {source: 'builtin:digits'}
                space: {hidden_layers: [1, 2], width: [32, 128]}
                execution: {mode: data_parallel}
                """);
        Cli.Result r = Cli.sweep("validate", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mode data_parallel is set, but per_candidate fits better (training data 0.4 MiB; "
                + "the largest candidate (64-128-128-10, 26,122 parameters) needs ~0.17 GFLOP an epoch, ~0.2 s on one "
                + "core at 1 GFLOP/s)."), r.out());
    }

    @Test
    void aDataParallelRunHasThePerCandidateShapeAndLeavesNoExportedFiles() throws Exception {
        Path export = dir.resolve("export");
        Path config = dir.resolve("dp.yaml");
        Files.writeString(config, """
                name: dp
                data: {source: 'builtin:digits'}
                search: {strategy: grid, seed: 42}
                space: {width: 32, batch_size: 32, epochs: 3, learning_rate: 0.01}
                execution:
                  mode: data_parallel
                  data_parallel: {workers: 2, averaging_frequency: 2, export_dir: '%s'}
                """.formatted(export.toUri()));
        Cli.Result r = Cli.sweep("run", config.toString(), "--master", "local[2]", "--output",
                dir.resolve("run").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("data parallel: 2 workers, parameters averaged every 2 mini-batches, "
                + "mini-batches exported to " + export.toUri()), r.out());
        assertTrue(r.out().contains("1 candidates in flight, engine dl4j-spark"), r.out());

        List<TrialRecord> journal = new RunDirectory(dir.resolve("run")).trials();
        assertEquals(1, journal.size());
        TrialRecord t = journal.get(0);
        assertEquals("COMPLETE", t.status().name(), t.reason());
        assertEquals("dl4j-spark", t.engine());
        assertEquals(3, t.history().size());
        assertEquals(3L * 34, t.steps()); // 1078 rows in batches of 32
        assertEquals("all (2 workers)", t.executor());
        assertTrue(t.valAccuracy() > 0.5, "val_accuracy " + t.valAccuracy());
        JsonNode run = Json.MAPPER.readTree(dir.resolve("run").resolve("run.json").toFile());
        assertEquals("data_parallel", run.get("mode").asText());
        assertEquals("dl4j-spark", run.get("engine").asText());
        assertTrue(Files.exists(dir.resolve("run").resolve("best").resolve("model.zip")));
        assertTrue(Files.exists(dir.resolve("run").resolve("report.html")));

        List<Path> left;
        try (Stream<Path> s = Files.exists(export) ? Files.walk(export) : Stream.empty()) {
            left = s.filter(Files::isRegularFile).toList();
        }
        assertEquals(List.of(), left);
    }
}
