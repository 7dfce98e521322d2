package dev.sparksweep.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Spark's logging: warnings and errors by default, INFO with --verbose. Set in code as well as in
 * log4j2.properties because under spark-submit Spark's own configuration (INFO) is the one loaded.
 */
final class Logging {
    private Logging() {
    }

    static void level(boolean verbose) {
        Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
    }
}
