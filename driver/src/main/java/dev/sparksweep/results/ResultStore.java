package dev.sparksweep.results;

import java.util.List;

/**
 * The journal, {@code trials.jsonl}: one JSON line per finished trial, appended and forced to disk as each
 * trial finishes. It is the single source of truth of a run; the driver is its only writer.
 */
public final class ResultStore implements AutoCloseable {
    private final JsonLines lines;

    private ResultStore(JsonLines lines) {
        this.lines = lines;
    }

    static ResultStore open(RunDirectory dir, String name) {
        return new ResultStore(JsonLines.open(dir, name));
    }

    /** Appends one line; when the write fails (say, the disk is full) the journal is cut back to whole lines. */
    public void append(TrialRecord record) {
        lines.append(record);
    }

    /** Every complete line of a journal; a torn last line (a crash mid-write) is skipped. */
    static List<TrialRecord> read(RunDirectory dir, String name) {
        return JsonLines.read(dir, name, TrialRecord.class, "a trial record");
    }

    @Override
    public void close() {
        lines.close();
    }
}
