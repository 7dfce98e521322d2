package dev.sparksweep.app;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.ResolvedConfig;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;

/** A new run's directory: checked before any work, then (after the data passed its checks) laid out. */
final class NewRun {
    private NewRun() {
    }

    /**
     * Refuses, before any work, a run directory the run may not write: one that cannot be made, one in use, or
     * one that holds anything but an earlier run (with {@code --force}) or anything at all (without).
     *
     * @param configFile the config whose output.dir names the directory, or null when --output named it
     */
    static void check(RunDirectory dir, boolean force, Path configFile) {
        String root = dir.toString();
        if (dir.local().isPresent()) {
            if (configFile != null) {
                refuseProtected(dir.local().get(), configFile);
            }
            makeable(dir.local().get());
        } else if (dir.reachable().has("")) {
            throw new BadInputException(root + ": the run directory must be a directory or be creatable, but it is a "
                    + "file");
        }
        if (!dir.exists()) {
            return;
        }
        inUse(dir);
        if (isEmpty(dir)) {
            return;
        }
        if (!force) {
            throw new BadInputException(root + ": the run directory must be new or empty (pass --resume to "
                    + "continue it, --force to replace it, or --output DIR), but got one that holds "
                    + (dir.isRun() ? "an earlier run" : "other files"));
        }
        if (!dir.isRun()) {
            throw new BadInputException(root + ": --force replaces only a SparkSweep run directory or an empty "
                    + "one, but got a directory that holds other files (nothing was touched; give another --output)");
        }
    }

    /** A second writer is refused here, before Spark starts; the lock taken later is what enforces it. */
    static void inUse(RunDirectory dir) {
        dir.reachable();
        RunLock.Holder h = RunLock.holder(dir);
        if (h != null) {
            throw new BadInputException(RunLock.inUse(dir, h));
        }
    }

    static void start(RunDirectory dir, boolean force, SweepConfig cfg, String dataSha256) {
        if (force && dir.exists()) {
            dir.clear();
        }
        dir.start(cfg.file(), ResolvedConfig.of(cfg), Resume.fingerprint(cfg, dataSha256));
    }

    /** The file system root, the home directory and the working directory are no run directory by default. */
    private static void refuseProtected(Path root, Path configFile) {
        Path abs = root.toAbsolutePath().normalize();
        String what = abs.getParent() == null ? "the file system root"
                : abs.equals(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize())
                ? "the home directory"
                : abs.equals(Path.of("").toAbsolutePath()) ? "the working directory"
                : Files.isDirectory(abs.resolve(".git")) ? "a git checkout" : null;
        if (what != null) {
            throw new BadInputException(configFile + ": output.dir: must not resolve to " + what + " (give it with --output "
                    + "if you mean it), but got " + root + " (" + abs + ")");
        }
    }

    /** The nearest existing ancestor must be a writable directory. */
    private static void makeable(Path root) {
        Path p = root.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new BadInputException(root + ": the run directory must be a directory or be creatable, but "
                    + p + " is a file");
        }
        if (!Files.isWritable(p)) {
            throw new BadInputException(root + ": the run directory must be writable, but " + p
                    + " is not (Permission denied)");
        }
    }

    /** Empty, or holding only a lock file a run that ended left behind. */
    private static boolean isEmpty(RunDirectory dir) {
        return dir.list("").stream().allMatch(RunDirectory.LOCK::equals);
    }
}
