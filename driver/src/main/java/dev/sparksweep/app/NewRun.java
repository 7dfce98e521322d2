package dev.sparksweep.app;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.ResolvedConfig;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.results.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A new run's directory: checked before any work, then (after the data passed its checks) laid out. */
final class NewRun {
    private NewRun() {
    }

    static void check(RunDirectory dir, boolean force) {
        Path root = dir.root();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new BadInputException(root + ": the run directory must be a directory, but got a file");
        }
        if (!force && Files.isDirectory(root) && !isEmpty(root)) {
            throw new BadInputException(root + ": the run directory must be new or empty (pass --resume to "
                    + "continue it, --force to replace it, or --output DIR), but got one that holds an earlier run");
        }
    }

    static void start(RunDirectory dir, boolean force, SweepConfig cfg, String dataSha256) {
        Path root = dir.root();
        if (force && Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(root)) {
                        Files.delete(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        dir.start(cfg.file(), ResolvedConfig.of(cfg), Resume.fingerprint(cfg, dataSha256));
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
