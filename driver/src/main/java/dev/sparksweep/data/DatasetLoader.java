package dev.sparksweep.data;

import dev.sparksweep.common.Sha256;
import dev.sparksweep.config.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/** Loads a data source named in the config. */
public final class DatasetLoader {
    public static final String DIGITS_RESOURCE = "/dev/sparksweep/data/digits.csv.gz";

    private DatasetLoader() {
    }

    public static Dataset load(String source) {
        if (source.equals("builtin:digits")) {
            return digits();
        }
        throw new BadInputException("data.source: not a supported source, but got \"" + source + "\"");
    }

    /** The lesson's 8x8 digits: 1797 rows, 64 pixels valued 0..16, then the label 0..9; no header. */
    public static Dataset digits() {
        byte[] gz;
        try (InputStream in = DatasetLoader.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in digits resource is missing from the classpath");
            }
            gz = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        int f = 64;
        float[] x = new float[lines.size() * f];
        int[] y = new int[lines.size()];
        TreeSet<Integer> labels = new TreeSet<>();
        for (int r = 0; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",");
            for (int j = 0; j < f; j++) {
                x[r * f + j] = Float.parseFloat(cells[j]);
            }
            y[r] = Integer.parseInt(cells[f].trim());
            labels.add(y[r]);
        }
        List<String> names = new ArrayList<>();
        labels.forEach(l -> names.add(String.valueOf(l)));
        return new Dataset("builtin:digits", x, y, f, List.copyOf(names), Sha256.hex(gz));
    }
}
