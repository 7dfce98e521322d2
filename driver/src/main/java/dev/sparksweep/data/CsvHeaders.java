package dev.sparksweep.data;

import dev.sparksweep.common.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Every file of a CSV directory (or glob) must start with the same header. Spark reads all of them by the
 * first file's column names and only logs a warning when the names differ, so columns would be mixed up
 * silently.
 */
final class CsvHeaders {
    private CsvHeaders() {
    }

    static void check(Table probe, String path, Configuration conf) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matched = fs.globStatus(p);
            if (matched == null) {
                return;
            }
            List<FileStatus> files = new ArrayList<>();
            for (FileStatus s : matched) {
                if (s.isDirectory()) {
                    for (FileStatus f : fs.listStatus(s.getPath())) {
                        if (f.isFile() && visible(f)) {
                            files.add(f);
                        }
                    }
                } else if (visible(s)) {
                    files.add(s);
                }
            }
            if (files.size() < 2) {
                return;
            }
            files.sort(Comparator.comparing(f -> f.getPath().toString()));
            CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
            String first = null;
            String firstName = null;
            for (FileStatus f : files) {
                String header = firstLine(fs, codecs, f.getPath());
                if (header == null) {
                    continue; // an empty file adds no rows and no header
                }
                if (first == null) {
                    first = header;
                    firstName = f.getPath().getName();
                } else if (!first.equals(header)) {
                    throw new BadInputException(probe.where() + "file " + f.getPath().getName() + ": must start with "
                            + "the header of " + firstName + " (" + quote(first) + "), but got " + quote(header));
                }
            }
        } catch (IOException e) {
            throw new BadInputException(probe.where() + "cannot be read: " + e.getMessage());
        }
    }

    /** Spark skips files whose names start with _ or . (such as _SUCCESS and .crc files). */
    private static boolean visible(FileStatus f) {
        String n = f.getPath().getName();
        return !n.startsWith("_") && !n.startsWith(".");
    }

    private static String firstLine(FileSystem fs, CompressionCodecFactory codecs, Path p) throws IOException {
        CompressionCodec codec = codecs.getCodec(p);
        try (InputStream raw = fs.open(p);
             BufferedReader in = new BufferedReader(new InputStreamReader(codec == null ? raw
                     : codec.createInputStream(raw), StandardCharsets.UTF_8))) {
            String line = in.readLine();
            if (line == null) {
                return null;
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            return line.strip();
        }
    }

    private static String quote(String s) {
        String shown = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return "\"" + shown.replace("\"", "\\\"") + "\"";
    }
}
