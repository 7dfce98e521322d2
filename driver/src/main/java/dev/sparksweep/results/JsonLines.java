package dev.sparksweep.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.common.Json;
import dev.sparksweep.common.RunFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only log of one JSON value per line, each line durable before append returns (forced to disk, or
 * {@code hsync}ed on HDFS), so that a crash loses at most the line being written; a reader skips (and a repair
 * cuts) that torn last line.
 */
final class JsonLines implements AutoCloseable {
    private final String where;
    private final RunStorage.Appender appender;

    private JsonLines(String where, RunStorage.Appender appender) {
        this.where = where;
        this.appender = appender;
    }

    static JsonLines open(RunDirectory dir, String name) {
        try {
            return new JsonLines(dir.where(name), dir.storage().appender(name));
        } catch (IOException e) {
            throw RunFault.of(dir.where(name), e);
        }
    }

    /** Appends one line; when the write fails (say, the disk is full) the file is cut back to whole lines. */
    void append(Object value) {
        try {
            appender.append((Json.MAPPER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw RunFault.of(where, e);
        }
    }

    /** Every complete line; a torn last line is skipped, any other unreadable line refused naming it. */
    static <T> List<T> read(RunDirectory dir, String name, Class<T> type, String what) {
        List<T> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = new String(dir.storage().readLog(name), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw RunFault.of(dir.where(name), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(Json.MAPPER.readValue(lines.get(i), type));
            } catch (JsonProcessingException e) {
                if (i < lines.size() - 1) {
                    throw new BadInputException(dir.where(name) + ": line " + (i + 1) + ": is not " + what + " ("
                            + e.getOriginalMessage() + ")");
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            appender.close();
        } catch (IOException e) {
            throw RunFault.of(where, e);
        }
    }
}
