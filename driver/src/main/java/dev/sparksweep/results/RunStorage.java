package dev.sparksweep.results;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a run directory's files live: a local directory ({@link LocalStorage}, java.nio) or any Hadoop file
 * system ({@link HadoopStorage}: {@code hdfs://}, {@code s3a://}, ...). Names are relative to the run
 * directory, {@code /}-separated; {@code ""} is the run directory itself.
 */
public sealed interface RunStorage permits LocalStorage, HadoopStorage {

    /** A path without a scheme, or a {@code file:} URI, is local; any other {@code scheme:} goes to Hadoop. */
    static RunStorage at(String location) {
        if (isLocal(location)) {
            return new LocalStorage(local(location));
        }
        return HadoopStorage.open(location);
    }

    static boolean isLocal(String location) {
        return !location.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") || location.startsWith("file:");
    }

    static Path local(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    /** The full location of {@code name}, as messages show it. */
    String where(String name);

    /** The run directory's own name (its last path element). */
    String name();

    boolean isFile(String name);

    boolean isDirectory(String name);

    /** Whether the append-only log {@code name} exists (on an object store it is a folder of events). */
    boolean hasLog(String name);

    /** The names in directory {@code name}, sorted; empty when it is no directory. */
    List<String> list(String name) throws IOException;

    byte[] read(String name) throws IOException;

    /** The whole of log {@code name}: its lines in the order they were appended. */
    byte[] readLog(String name) throws IOException;

    /** Writes a whole file beside {@code name} and moves it into place, so a reader sees all of it or none. */
    void write(String name, Body body) throws IOException;

    /** Creates {@code name} with {@code bytes} unless it exists; false when it does. */
    boolean createNew(String name, byte[] bytes) throws IOException;

    /** Deletes a file, or an empty directory, if it is there. */
    void delete(String name) throws IOException;

    /** Deletes log {@code name}, whichever form it has. */
    void deleteLog(String name) throws IOException;

    void mkdirs(String name) throws IOException;

    /** Opens log {@code name} for appending lines, each one durable before {@link Appender#append} returns. */
    Appender appender(String name) throws IOException;

    /** Cuts a torn last line (a crash mid-write) off log {@code name}; returns the bytes cut. */
    long repair(String name) throws IOException;

    /** What writes a file's content. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    interface Appender extends Closeable {
        void append(byte[] line) throws IOException;
    }
}
