package dev.sparksweep;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the checkout that tests read (configs/), found from wherever the test JVM was started. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The checkout's root: the nearest directory at or above the working directory holding configs/. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("configs")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no configs/ at or above " + Path.of("").toAbsolutePath());
    }

    public static Path config(String name) {
        return root().resolve("configs").resolve(name);
    }
}
