package dev.sparksweep.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.common.Json;
import dev.sparksweep.common.RunFault;
import dev.sparksweep.data.Preprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

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
 * The directory is local or on any Hadoop file system ({@link RunStorage}).
 */
public final class RunDirectory {
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
    /** Every file SparkSweep writes at the top of a run directory, besides the logs, models/ and best/. */
    static final List<String> FILES = List.of(MARKER, CONFIG, RESOLVED_CONFIG, FINGERPRINT, PROVENANCE,
            LEADERBOARD_CSV, LEADERBOARD_MD, REPORT_HTML);
    static final List<String> LOGS = List.of(JOURNAL, SEGMENTS);

    private final RunStorage storage;

    public RunDirectory(RunStorage storage) {
        this.storage = storage;
    }

    public RunDirectory(Path root) {
        this(new LocalStorage(root));
    }

    /** A local path, a {@code file:} URI, or any Hadoop file system's URI ({@code hdfs://}, {@code s3a://}). */
    public static RunDirectory at(String location) {
        return new RunDirectory(RunStorage.at(location));
    }

    /** A run directory on a file system that cannot be reached is bad input, found before any work. */
    public RunDirectory reachable() {
        if (local().isEmpty()) {
            try {
                exists();
            } catch (RunFault e) {
                throw new BadInputException(this + ": the run directory's file system cannot be reached: "
                        + e.getMessage().substring(e.where().length() + 2));
            }
        }
        return this;
    }

    public RunStorage storage() {
        return storage;
    }

    /** The local directory, or empty when the run directory is on a Hadoop file system. */
    public java.util.Optional<Path> local() {
        return storage instanceof LocalStorage l ? java.util.Optional.of(l.root()) : java.util.Optional.empty();
    }

    /** Where {@code name} is, as messages show it. */
    public String where(String name) {
        return storage.where(name);
    }

    public String model(String trialId) {
        return MODELS + "/" + trialId + ".zip";
    }

    public boolean has(String name) {
        try {
            return LOGS.contains(name) ? storage.hasLog(name) : storage.isFile(name);
        } catch (UncheckedIOException e) {
            throw RunFault.of(where(name), e.getCause());
        }
    }

    public boolean exists() {
        return isDirectory("");
    }

    public boolean isDirectory(String name) {
        try {
            return storage.isDirectory(name);
        } catch (UncheckedIOException e) {
            throw RunFault.of(where(name), e.getCause());
        }
    }

    /** The names in the run directory (or in its folder {@code name}). */
    public List<String> list(String name) {
        try {
            return storage.list(name);
        } catch (IOException e) {
            throw RunFault.of(where(name), e);
        }
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
                storage.delete(name);
            }
            for (String name : LOGS) {
                storage.deleteLog(name);
            }
            checkpoints().clear();
            deleteOwned(MODELS, n -> n.endsWith(".zip") || n.endsWith(".zip.tmp"));
            List<String> best = List.of(BEST_MODEL, TEST_METRICS, PREPROCESSING);
            deleteOwned(BEST, n -> best.contains(BEST + "/" + n) || n.matches("\\..*\\.tmp"));
            for (String n : storage.list("")) {
                if (n.matches("\\..*\\.tmp") && storage.isFile(n)) {
                    storage.delete(n);
                }
            }
        } catch (IOException e) {
            throw RunFault.of(where(""), e);
        }
    }

    private void deleteOwned(String dir, Predicate<String> ours) throws IOException {
        if (!storage.isDirectory(dir)) {
            return;
        }
        for (String n : storage.list(dir)) {
            if (ours.test(n) && storage.isFile(dir + "/" + n)) {
                storage.delete(dir + "/" + n);
            }
        }
        if (storage.list(dir).isEmpty()) {
            storage.delete(dir);
        }
    }

    /** The journal's trials, a torn last line skipped. */
    public List<TrialRecord> trials() {
        return ResultStore.read(this, JOURNAL);
    }

    public ResultStore openJournal() {
        return ResultStore.open(this, JOURNAL);
    }

    public SegmentLog openSegments() {
        return SegmentLog.open(this, SEGMENTS);
    }

    /** The segment log's lines, a torn last line skipped. */
    public List<SegmentLine> segments() {
        return SegmentLog.read(this, SEGMENTS);
    }

    /** Cuts a torn last line off the segment log so that appending can resume. */
    public long repairSegments() {
        return repair(SEGMENTS);
    }

    /** Cuts a torn last line off the journal so that appending can resume. */
    public long repairJournal() {
        return repair(JOURNAL);
    }

    private long repair(String log) {
        try {
            return storage.repair(log);
        } catch (IOException e) {
            throw RunFault.of(where(log), e);
        }
    }

    /** The paused trials' states, in checkpoints/. */
    public CheckpointFiles checkpoints() {
        return new CheckpointFiles(storage, CHECKPOINTS);
    }

    /** Deletes what is left in checkpoints/ (a search that ended has no paused trials). */
    public void clearCheckpoints() {
        checkpoints().clear();
    }

    /**
     * The first files of a new run: the marker, then the config as given, resolved, and the fingerprint --resume
     * checks.
     */
    public void start(Path configFile, Object resolvedConfig, Object fingerprint) {
        try {
            storage.mkdirs("");
            storage.write(MARKER, out -> out.write(("{\"format\": " + FORMAT + "}\n")
                    .getBytes(StandardCharsets.UTF_8)));
            byte[] config = java.nio.file.Files.readAllBytes(configFile);
            storage.write(CONFIG, out -> out.write(config));
        } catch (IOException e) {
            throw RunFault.of(where(""), e);
        }
        write(RESOLVED_CONFIG, resolvedConfig);
        write(FINGERPRINT, fingerprint);
    }

    /** The winner's files: its model copied from models/, its test metrics and the preprocessing predict needs. */
    public void writeWinner(String trialId, TestEvaluation test, Preprocessing preprocessing) {
        try {
            byte[] model = storage.read(model(trialId));
            storage.write(BEST_MODEL, out -> out.write(model));
        } catch (IOException e) {
            throw RunFault.of(where(BEST_MODEL), e);
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
        write(name, (RunStorage.Body) out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes a whole file through the storage, so a reader never sees half of it. */
    public void write(String name, RunStorage.Body body) {
        try {
            storage.write(name, body);
        } catch (IOException e) {
            throw RunFault.of(where(name), e);
        }
    }

    /** The bytes of {@code name}. */
    public byte[] read(String name) {
        try {
            return storage.read(name);
        } catch (IOException e) {
            throw RunFault.of(where(name), e);
        }
    }

    public void delete(String name) {
        try {
            storage.delete(name);
        } catch (IOException e) {
            throw RunFault.of(where(name), e);
        }
    }

    private void write(String name, Object value) {
        write(name, (RunStorage.Body) out -> Json.PRETTY.writeValue(new NonClosingStream(out), value));
    }

    private <T> T read(String name, Class<T> type) {
        if (!has(name)) {
            return null;
        }
        byte[] bytes = read(name);
        try {
            return Json.MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new BadInputException(where(name) + ": cannot be read: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunDirectory d && d.storage.equals(storage);
    }

    @Override
    public int hashCode() {
        return storage.hashCode();
    }

    @Override
    public String toString() {
        return storage.toString();
    }
}
