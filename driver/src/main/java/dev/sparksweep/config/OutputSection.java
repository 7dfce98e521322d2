package dev.sparksweep.config;

/** Parses {@code output:} into an OutputConfig. */
final class OutputSection {
    private OutputSection() {
    }

    /** The run directory defaults to runs/NAME. */
    static OutputConfig parse(Section s, String name) {
        s.allow("dir", "keep_models");
        String dir = s.string("dir", "runs/" + name);
        if (dir.isBlank()) {
            throw s.fail("output.dir", "must not be empty", "\"\"");
        }
        int keep = s.has("keep_models") ? s.positiveInt("keep_models") : 3;
        return new OutputConfig(dir, keep);
    }
}
