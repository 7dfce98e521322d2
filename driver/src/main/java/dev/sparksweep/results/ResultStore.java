package dev.sparksweep.results;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.common.Json;
import dev.sparksweep.common.RunFault;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
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
    private final Path file;
    private final FileChannel channel;

    private ResultStore(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static ResultStore open(Path file) {
        try {
            return new ResultStore(file, FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw RunFault.of(file, e);
        }
    }

    /** Appends one line; when the write fails (say, the disk is full) the journal is cut back to whole lines. */
    public void append(TrialRecord record) {
        long before = -1;
        try {
            byte[] line = (Json.MAPPER.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            before = channel.size();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        } catch (IOException e) {
            if (before >= 0) {
                try {
                    channel.truncate(before);
                } catch (IOException ignored) {
                    // a torn last line is cut by the next reader
                }
            }
            throw RunFault.of(file, e);
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
            throw RunFault.of(file, e);
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
                        throw new BadInputException(file + ": line " + (i + 1) + ": is not a trial record ("
                                + e.getOriginalMessage() + ")");
                    }
                }
            }
        } catch (IOException e) {
            throw RunFault.of(file, e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw RunFault.of(file, e);
        }
    }
}
