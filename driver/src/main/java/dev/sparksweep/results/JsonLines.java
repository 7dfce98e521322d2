package dev.sparksweep.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.common.Json;
import dev.sparksweep.common.RunFault;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of one JSON value per line, each line forced to disk before append returns, so that a
 * crash loses at most the line being written; a reader skips (and a repair cuts) that torn last line.
 */
final class JsonLines implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    private JsonLines(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static JsonLines open(Path file) {
        try {
            return new JsonLines(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw RunFault.of(file, e);
        }
    }

    /** Appends one line; when the write fails (say, the disk is full) the file is cut back to whole lines. */
    void append(Object value) {
        long before = -1;
        try {
            byte[] line = (Json.MAPPER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
            before = channel.size();
            ByteBuffer b = ByteBuffer.wrap(line);
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

    /** Cuts a torn last line (a crash mid-write) off so that appending can resume; returns the bytes cut. */
    static long repair(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
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

    /** Every complete line; a torn last line is skipped, any other unreadable line refused naming it. */
    static <T> List<T> read(Path file, Class<T> type, String what) {
        List<T> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    out.add(Json.MAPPER.readValue(lines.get(i), type));
                } catch (JsonProcessingException e) {
                    if (i < lines.size() - 1) {
                        throw new BadInputException(file + ": line " + (i + 1) + ": is not " + what + " ("
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
