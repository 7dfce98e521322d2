package dev.sparksweep.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.search.GridSearch;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.NetworkFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code widths:}: one width choice per hidden layer, so a 2-layer candidate can be 128 -> 32. */
class LayerWidthsTest {
    @TempDir
    Path dir;

    @Test
    void aGridOverPerLayerWidthsBuildsThoseNetworksAndRunsEachOnce() throws Exception {
        Path config = dir.resolve("w.yaml");
        Files.writeString(config, """
                name: w
                data: {source: 'builtin:digits'}
                space:
                  hidden_layers: [1, 2]
                  widths: [[64, 128], [16, 32]]
                """);
        GridSearch g = new GridSearch(ConfigLoader.load(config).space(), 1, Integer.MAX_VALUE);
        // one layer: 64 or 128 (the second layer's choice does not matter, so each runs once); two: 2 x 2
        assertEquals(6, g.plannedTrials());
        List<Object> shown = g.candidates().stream().map(c -> Hyperparameter.shown(c).get("width")).toList();
        assertEquals(List.of("64", "128", "64-16", "64-32", "128-16", "128-32"), shown);
        Candidate c = g.candidates().get(5);
        assertEquals(List.of(128, 32), c.layerWidths());
        var net = NetworkFactory.build(c, 64, 10);
        assertEquals(64L * 128 + 128 + 128 * 32 + 32 + 32 * 10 + 10, net.numParams());
        assertTrue(g.candidates().stream().map(Candidate::id).distinct().count() == 6);
    }

    @Test
    void equalWidthsKeepTheirIds() {
        Candidate plain = CandidateFactory.create(java.util.Map.of("hidden_layers", 2, "width", 64), 7);
        Candidate perLayer = CandidateFactory.create(java.util.Map.of("hidden_layers", 2,
                CandidateFactory.layerWidthKey(0), 64, CandidateFactory.layerWidthKey(1), 32), 7);
        assertEquals(64, plain.widthOf(1));
        assertEquals(32, perLayer.widthOf(1));
        assertTrue(!plain.id().equals(perLayer.id()));
        assertEquals("64-32", Hyperparameter.shown(perLayer).get("width"));
    }
}
