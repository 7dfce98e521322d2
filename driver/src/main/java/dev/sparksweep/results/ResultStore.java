package dev.sparksweep.results;

import java.nio.file.Path;
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

    static ResultStore open(Path file) {
        return new ResultStore(JsonLines.open(file));
    }

    /** Appends one line; when the write fails (say, the disk is full) the journal is cut back to whole lines. */
    public void append(TrialRecord record) {
        lines.append(record);
    }

    /** Cuts a torn last line off the journal so that appending can resume; returns how many bytes were cut. */
    static long repair(Path file) {
        return JsonLines.repair(file);
    }

    /** Every complete line of a journal; a torn last line (a crash mid-write) is skipped. */
    static List<TrialRecord> read(Path file) {
        return JsonLines.read(file, TrialRecord.class, "a trial record");
    }

    @Override
    public void close() {
        lines.close();
    }
}
