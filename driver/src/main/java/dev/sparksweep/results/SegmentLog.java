package dev.sparksweep.results;

import java.util.List;

/** The segment log, {@code segments.jsonl}, appended and forced line by line as the journal is. */
public final class SegmentLog implements AutoCloseable {
    private final JsonLines lines;

    private SegmentLog(JsonLines lines) {
        this.lines = lines;
    }

    static SegmentLog open(RunDirectory dir, String name) {
        return new SegmentLog(JsonLines.open(dir, name));
    }

    public void append(SegmentLine line) {
        lines.append(line);
    }

    static List<SegmentLine> read(RunDirectory dir, String name) {
        return JsonLines.read(dir, name, SegmentLine.class, "a segment record");
    }

    @Override
    public void close() {
        lines.close();
    }
}
