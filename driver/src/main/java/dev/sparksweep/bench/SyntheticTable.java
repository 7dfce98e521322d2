package dev.sparksweep.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** The benchmarks' generated tables: Gaussian clusters, one per class, seeded; the label is the last column. */
final class SyntheticTable {
    private SyntheticTable() {
    }

    /** The benchmarks' table (seed 7) in {@code dir}, written on first use. */
    static Path in(Path dir, int rows, int features, int classes) throws IOException {
        Files.createDirectories(dir);
        Path data = dir.resolve("synthetic-" + rows + "x" + features + ".csv");
        if (!Files.exists(data)) {
            write(data, rows, features, classes, 7);
        }
        return data;
    }

    /** Separable enough to learn, noisy enough (standard deviation 1.1 around centres in [0, 1)) to matter. */
    static void write(Path file, int rows, int features, int classes, long seed) throws IOException {
        Random rng = new Random(seed);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) {
            for (int j = 0; j < features; j++) {
                c[j] = rng.nextDouble();
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                int k = rng.nextInt(classes);
                line.setLength(0);
                for (int j = 0; j < features; j++) {
                    line.append(String.format(Locale.ROOT, "%.4f", centres[k][j] + rng.nextGaussian() * 1.1))
                            .append(',');
                }
                w.write(line.append(k).append('\n').toString());
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
