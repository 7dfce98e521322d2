package dev.sparksweep.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** The embedded digits, shuffled with a fixed seed, scaled by 1/16 and cut 75/25 into train and validation. */
final class DigitsFixture {
    private DigitsFixture() {
    }

    static TrainingData load() {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                DigitsFixture.class.getResourceAsStream("/dev/sparksweep/data/digits.csv.gz")),
                StandardCharsets.US_ASCII))) {
            r.lines().forEach(lines::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Collections.shuffle(lines, new Random(7));
        int nTrain = lines.size() * 3 / 4;
        int nVal = lines.size() - nTrain;
        float[] tx = new float[nTrain * 64];
        int[] ty = new int[nTrain];
        float[] vx = new float[nVal * 64];
        int[] vy = new int[nVal];
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            boolean train = i < nTrain;
            int row = train ? i : i - nTrain;
            for (int j = 0; j < 64; j++) {
                (train ? tx : vx)[row * 64 + j] = Float.parseFloat(cells[j]) / 16f;
            }
            (train ? ty : vy)[row] = Integer.parseInt(cells[64]);
        }
        return new TrainingData(tx, ty, vx, vy, 64, 10);
    }
}
