package dev.sparksweep.cli;

import picocli.CommandLine.Option;

/** {@code --master}, the same for every command that starts Spark. */
final class MasterOption {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2] (default: "
            + "spark-submit's, else execution.master, else local[*])")
    String master;
}
