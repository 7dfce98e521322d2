package dev.sparksweep.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The run directory SparkSweep 0.1.0 wrote (src/test/resources/runs/0.1.0: a two-candidate grid of 3 epochs on
 * the digits, its config in config.yaml), and rows to predict with it.
 */
public final class OldRun {
    public static final String WINNER = "c2a6cd40d24";
    public static final String SECOND = "cfbc8ebb55c";

    private OldRun() {
    }

    /** A fresh copy at {@code to}, which must not exist. */
    public static Path copy(Path to) {
        try (Stream<Path> walk = Files.walk(Path.of(OldRun.class.getResource("/runs/0.1.0/trials.jsonl").toURI())
                .getParent())) {
            List<Path> files = walk.toList();
            Path from = files.get(0);
            for (Path p : files) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first {@code n} rows of the built-in digits, as a headerless CSV (64 pixels, then the label). */
    public static List<String> digitsRows(int n) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                OldRun.class.getResourceAsStream("/dev/sparksweep/data/digits.csv.gz")), StandardCharsets.UTF_8))) {
            return in.lines().limit(n).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
