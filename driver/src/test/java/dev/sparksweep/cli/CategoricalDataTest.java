package dev.sparksweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table with two string columns and empty cells, through {@code run} (one-hot on the training categories,
 * medians imputed) and {@code predict}, where an unseen category becomes all zeros and is counted.
 */
@Tag("spark")
class CategoricalDataTest {
    static final String[] COLOURS = {"red", "green", "blue"};
    static final String[] SIZES = {"S", "M", "L"};

    @TempDir
    Path dir;

    /** The label is the colour's class; size and x are noise; ~5 % of colour and x cells are empty. */
    static List<String> table(int rows, long seed) {
        Random rng = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("x,colour,size,label"));
        for (int i = 0; i < rows; i++) {
            int c = rng.nextInt(3);
            String x = rng.nextDouble() < 0.05 ? "" : String.format(java.util.Locale.ROOT, "%.3f", rng.nextGaussian());
            String colour = rng.nextDouble() < 0.05 ? "" : COLOURS[c];
            lines.add(x + "," + colour + "," + SIZES[rng.nextInt(3)] + ",class" + c);
        }
        return lines;
    }

    @Test
    void stringColumnsAndEmptyCellsTrainAndPredict() throws Exception {
        Path data = dir.resolve("colours.csv");
        Files.write(data, table(600, 3));
        Path run = dir.resolve("run");
        Path config = dir.resolve("colours.yaml");
        Files.writeString(config, "name: colours\ndata:\n  source: 'csv:" + data + "'\n  missing: impute\n"
                + "  scale: standard\nsearch: {strategy: grid, seed: 1}\nspace: {hidden_layers: 1, width: 16, "
                + "epochs: 30, batch_size: 32, learning_rate: 0.01}\noutput: {dir: '" + run + "'}\n");

        Cli.Result v = Cli.sweep("validate", config.toString(), "--master", "local[2]");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains(": 600 rows, 3 features -> 8 inputs (one-hot: colour (4), size (3); missing cells "
                + "imputed), 3 classes; split train 360 / validation 121 / test 119; scale standard"), v.out());

        Cli.Result r = Cli.sweep("run", config.toString(), "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        JsonNode test = Json.MAPPER.readTree(run.resolve("best/test-metrics.json").toFile());
        assertTrue(test.get("accuracy").asDouble() >= 0.85, "test accuracy " + test.get("accuracy"));

        JsonNode prep = Json.MAPPER.readTree(run.resolve("best/preprocessing.json").toFile());
        assertEquals("[\"x\",\"colour=blue\",\"colour=green\",\"colour=red\",\"colour=(missing)\",\"size=L\","
                + "\"size=M\",\"size=S\"]", prep.get("input_names").toString());
        JsonNode enc = prep.get("encoding");
        assertEquals("[\"blue\",\"green\",\"red\"]", enc.at("/one_hot/0/categories").toString());
        assertEquals("colour", enc.at("/one_hot/0/column").asText());
        assertTrue(enc.at("/one_hot/0/missing_slot").asBoolean(), "training had empty colour cells");
        assertEquals("[\"L\",\"M\",\"S\"]", enc.at("/one_hot/1/categories").toString());
        assertTrue(enc.get("impute").asBoolean());

        Path input = dir.resolve("new.csv");
        Files.write(input, List.of("x,colour,size", "0.1,red,M", ",green,S", "0.5,purple,L", "0.2,blue,XL",
                "-0.3,,M"));
        Path out = dir.resolve("predictions.csv");
        Cli.Result p = Cli.sweep("predict", "--run", run.toString(), "--input", input.toString(), "--output",
                out.toString(), "--master", "local[2]");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("predicted 5 rows of csv:" + input + " with trial ")
                && p.out().contains("; 2 rows with a category the training split never saw (encoded as all zeros; "
                        + "an empty cell counts where training had none)"),
                p.out());
        List<String> predicted = Files.readAllLines(out);
        assertEquals(List.of("row,prediction", "1,class0", "2,class1"), predicted.subList(0, 3));
        assertEquals(6, predicted.size());
    }
}
