package dev.sparksweep.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions stamped in at build time, for --version and provenance. */
public final class Versions {
    private static final Properties PROPS = load();

    private Versions() {
    }

    public static String sparksweep() {
        return PROPS.getProperty("sparksweep.version", "unknown");
    }

    public static String spark() {
        return PROPS.getProperty("spark.version", "unknown");
    }

    public static String dl4j() {
        return PROPS.getProperty("dl4j.version", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/sparksweep/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
