package dev.sparksweep.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A file of a run could not be read or written while the run went on (disk full, permission denied, a path
 * through a file, a directory that vanished): shown as one line, {@code sweep: PATH: WHAT}, with its own exit code.
 */
public final class RunFault extends RuntimeException {
    private final String where;

    private RunFault(String where, String what, Throwable cause) {
        super(where + ": " + what, cause);
        this.where = where;
    }

    /** The file, local or a Hadoop URI, that failed. */
    public String where() {
        return where;
    }

    /** {@code e}, which happened on {@code path}, said in the operating system's words. */
    public static RunFault of(Path path, IOException e) {
        return of(path.toString(), e);
    }

    /** {@code e}, which happened on {@code where} (a local path or a Hadoop URI), said in the system's words. */
    public static RunFault of(String where, IOException e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : where;
        return new RunFault(file, what(e), e);
    }

    /**
     * The fault {@code t} is or was caused by, or null: a RunFault, or an I/O failure that names its file (one
     * that escaped as {@link java.io.UncheckedIOException}).
     */
    public static RunFault in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RunFault f) {
                return f;
            }
            if (c instanceof FileSystemException f && f.getFile() != null) {
                return of(f.getFile(), f);
            }
        }
        return null;
    }

    static String what(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse(m);
    }
}
