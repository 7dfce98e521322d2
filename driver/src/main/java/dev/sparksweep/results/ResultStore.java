package dev.sparksweep.results;

import dev.sparksweep.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal, {@code trials.jsonl}: one JSON line per finished trial, appended and forced to disk as each
 * trial finishes. It is the single source of truth of a run; the driver is its only writer.
 */
public final class ResultStore implements AutoCloseable {
    private final FileChannel channel;

    private ResultStore(FileChannel channel) {
        this.channel = channel;
    }

    static ResultStore open(Path file) {
        try {
            return new ResultStore(FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void append(TrialRecord record) {
        try {
            byte[] line = (Json.MAPPER.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            channel.write(java.nio.ByteBuffer.wrap(line));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Cuts a torn last line (a crash mid-write) off the journal so that appending can resume; returns how many
     * bytes were cut.
     */
    static long repair(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long end = size;
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                ch.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            ch.truncate(end);
            ch.force(true);
            return size - end;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every complete line of a journal; a torn last line (a crash mid-write) is skipped. */
    static List<TrialRecord> read(Path file) {
        List<TrialRecord> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    out.add(Json.MAPPER.readValue(lines.get(i), TrialRecord.class));
                } catch (JsonProcessingException e) {
                    if (i < lines.size() - 1) {
                        throw new UncheckedIOException(file + ": line " + (i + 1)
                                + " is not a trial record", e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
