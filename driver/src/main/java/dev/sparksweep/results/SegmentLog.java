package dev.sparksweep.results;

import java.nio.file.Path;
import java.util.List;

/** The segment log, {@code segments.jsonl}, appended and forced line by line as the journal is. */
public final class SegmentLog implements AutoCloseable {
    private final JsonLines lines;

    private SegmentLog(JsonLines lines) {
        this.lines = lines;
    }

    static SegmentLog open(Path file) {
        return new SegmentLog(JsonLines.open(file));
    }

    public void append(SegmentLine line) {
        lines.append(line);
    }

    static List<SegmentLine> read(Path file) {
        return JsonLines.read(file, SegmentLine.class, "a segment record");
    }

    @Override
    public void close() {
        lines.close();
    }
}
