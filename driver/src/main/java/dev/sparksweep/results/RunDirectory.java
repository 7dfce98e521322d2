package dev.sparksweep.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.common.Json;
import dev.sparksweep.common.RunFault;
import dev.sparksweep.data.Preprocessing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run directory: every file a run writes is named here, once, and read and written through here. A failure
 * to write one is a {@link RunFault} naming the file.
 * <pre>
 * .sparksweep-run         written first: marks a directory SparkSweep made (--force replaces only such a one)
 * .sparksweep-lock        the one writer's lock (see RunLock)
 * config.yaml             the config as given          config-resolved.json  every key with its value
 * search.json             what --resume must match     trials.jsonl          the journal (source of truth)
 * segments.jsonl          every segment started, ended and decided on (what --resume replays)
 * checkpoints/ID.eN.ckpt  a paused trial's state after N epochs, deleted when the trial ends
 * models/ID.zip           the best keep_models so far  run.json              provenance, once finished
 * best/model.zip, best/test-metrics.json, best/preprocessing.json            the winner, once finished
 * leaderboard.csv, leaderboard.md, report.html                               reports, made from the above
 * </pre>
 */
public record RunDirectory(Path root) {
    public static final String MARKER = ".sparksweep-run";
    public static final String LOCK = ".sparksweep-lock";
    /** The marker's format: the run directory layout this release writes. */
    public static final int FORMAT = 1;
    public static final String CONFIG = "config.yaml";
    public static final String RESOLVED_CONFIG = "config-resolved.json";
    public static final String FINGERPRINT = "search.json";
    public static final String JOURNAL = "trials.jsonl";
    public static final String SEGMENTS = "segments.jsonl";
    public static final String CHECKPOINTS = CheckpointFiles.DIR;
    public static final String MODELS = "models";
    public static final String PROVENANCE = "run.json";
    public static final String BEST = "best";
    public static final String BEST_MODEL = BEST + "/model.zip";
    public static final String TEST_METRICS = BEST + "/test-metrics.json";
    public static final String PREPROCESSING = BEST + "/preprocessing.json";
    public static final String LEADERBOARD_CSV = "leaderboard.csv";
    public static final String LEADERBOARD_MD = "leaderboard.md";
    public static final String REPORT_HTML = "report.html";
    /** Every file SparkSweep writes at the top of a run directory, besides models/ and best/. */
    static final List<String> FILES = List.of(MARKER, CONFIG, RESOLVED_CONFIG, FINGERPRINT, JOURNAL, SEGMENTS,
            PROVENANCE,
            LEADERBOARD_CSV, LEADERBOARD_MD, REPORT_HTML);

    public Path file(String name) {
        return root.resolve(name);
    }

    public Path journal() {
        return file(JOURNAL);
    }

    public Path best() {
        return file(BEST);
    }

    public Path model(String trialId) {
        return file(MODELS).resolve(trialId + ".zip");
    }

    public boolean has(String name) {
        return Files.isRegularFile(file(name));
    }

    /**
     * Whether SparkSweep made this directory: it holds the marker, or (a run of 0.1.0, before the marker) both
     * the journal and the resolved config.
     */
    public boolean isRun() {
        return has(MARKER) || has(JOURNAL) && has(RESOLVED_CONFIG);
    }

    /**
     * Empties a run directory for a new run (--force): deletes only the files SparkSweep writes, and models/
     * and best/ when nothing else is left in them. Anything else in it stays.
     */
    public void clear() {
        try {
            for (String name : FILES) {
                Files.deleteIfExists(file(name));
            }
            checkpoints().clear();
            deleteOwned(file(MODELS), n -> n.endsWith(".zip") || n.endsWith(".zip.tmp"));
            deleteOwned(best(), n -> file(BEST_MODEL).getFileName().toString().equals(n)
                    || file(TEST_METRICS).getFileName().toString().equals(n)
                    || file(PREPROCESSING).getFileName().toString().equals(n));
            try (Stream<Path> s = Files.list(root)) {
                for (Path p : s.filter(p -> p.getFileName().toString().matches("\\..*\\.tmp")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw RunFault.of(root, e);
        }
    }

    private static void deleteOwned(Path dir, java.util.function.Predicate<String> ours) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> Files.isRegularFile(p) && ours.test(p.getFileName().toString())).toList()) {
                Files.delete(p);
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
    }

    /** The journal's trials, a torn last line skipped. */
    public List<TrialRecord> trials() {
        return ResultStore.read(journal());
    }

    public ResultStore openJournal() {
        return ResultStore.open(journal());
    }

    public SegmentLog openSegments() {
        return SegmentLog.open(file(SEGMENTS));
    }

    /** The segment log's lines, a torn last line skipped. */
    public List<SegmentLine> segments() {
        return SegmentLog.read(file(SEGMENTS));
    }

    /** Cuts a torn last line off the segment log so that appending can resume. */
    public long repairSegments() {
        return JsonLines.repair(file(SEGMENTS));
    }

    /** The paused trials' states, in checkpoints/. */
    public CheckpointFiles checkpoints() {
        return new CheckpointFiles(file(CHECKPOINTS));
    }

    /** Deletes what is left in checkpoints/ (a search that ended has no paused trials). */
    public void clearCheckpoints() {
        checkpoints().clear();
    }

    /** Cuts a torn last line off the journal so that appending can resume. */
    public long repairJournal() {
        return ResultStore.repair(journal());
    }

    /**
     * The first files of a new run: the marker, then the config as given, resolved, and the fingerprint --resume
     * checks.
     */
    public void start(Path configFile, Object resolvedConfig, Object fingerprint) {
        try {
            Files.createDirectories(root);
            Files.writeString(file(MARKER), "{\"format\": " + FORMAT + "}\n", StandardCharsets.UTF_8);
            Files.copy(configFile, file(CONFIG));
        } catch (IOException e) {
            throw RunFault.of(root, e);
        }
        write(RESOLVED_CONFIG, resolvedConfig);
        write(FINGERPRINT, fingerprint);
    }

    /** The winner's files: its model copied from models/, its test metrics and the preprocessing predict needs. */
    public void writeWinner(String trialId, TestEvaluation test, Preprocessing preprocessing) {
        try {
            Files.createDirectories(best());
            Files.copy(model(trialId), file(BEST_MODEL), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw RunFault.of(file(BEST_MODEL), e);
        }
        write(TEST_METRICS, test);
        write(PREPROCESSING, preprocessing);
    }

    public void writeProvenance(RunProvenance provenance) {
        write(PROVENANCE, provenance);
    }

    /** run.json, or null while the run has not finished. */
    public RunProvenance provenance() {
        return read(PROVENANCE, RunProvenance.class);
    }

    /** The winner's test metrics, or null while the run has not finished. */
    public TestEvaluation testMetrics() {
        return read(TEST_METRICS, TestEvaluation.class);
    }

    /** The winner's preprocessing, or null when the run has none. */
    public Preprocessing preprocessing() {
        return read(PREPROCESSING, Preprocessing.class);
    }

    /** config-resolved.json, or null when absent. */
    public JsonNode resolvedConfig() {
        return read(RESOLVED_CONFIG, JsonNode.class);
    }

    /** search.json, or null when absent. */
    public JsonNode fingerprint() {
        return read(FINGERPRINT, JsonNode.class);
    }

    /** Writes {@code text} beside {@code name} and renames it into place, so a reader never sees half a file. */
    public void replace(String name, String text) {
        Path target = file(name);
        try {
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw RunFault.of(target, e);
        }
    }

    private void write(String name, Object value) {
        try {
            Json.PRETTY.writeValue(file(name).toFile(), value);
        } catch (IOException e) {
            throw RunFault.of(file(name), e);
        }
    }

    private <T> T read(String name, Class<T> type) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), type);
        } catch (IOException e) {
            throw new BadInputException(f + ": cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
