package dev.sparksweep.cli;

import picocli.CommandLine;

/** Command-line rules more than one command checks, with one message each. */
final class Rules {
    private Rules() {
    }

    /** {@code --parallelism} and the like: "must be an integer >= 1, but got 0". */
    static void atLeastOne(CommandLine.Model.CommandSpec spec, String option, Integer value, String rule) {
        if (value != null && value < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + rule + ", but got " + value);
        }
    }
}
