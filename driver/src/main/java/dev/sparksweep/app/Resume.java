package dev.sparksweep.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.ResolvedConfig;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.common.Json;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.results.SegmentLine;
import dev.sparksweep.search.Journaled;
import dev.sparksweep.search.Replay;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.search.SearchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code sweep run CONFIG --resume}: continues a run whose driver stopped. The run's fingerprint (its data,
 * search and space, and the data's SHA-256) must match the config's; the journal and segment log are read, a
 * torn last line cut from each. A halving search is rebuilt by replaying its segment log, and its segments in
 * flight start again from their checkpoints; any other strategy skips (tpe: learns from) every trial the
 * journal already holds.
 */
final class Resume {
    private Resume() {
    }

    /** What --resume must find unchanged: the data, its SHA-256, the search and the space. */
    static Map<String, Object> fingerprint(SweepConfig cfg, String dataSha256) {
        Map<String, Object> resolved = ResolvedConfig.of(cfg);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("data", resolved.get("data"));
        f.put("data_sha256", dataSha256);
        f.put("search", resolved.get("search"));
        f.put("space", resolved.get("space"));
        return f;
    }

    /**
     * What a resumed run starts from.
     *
     * @param done the trials the journal holds
     * @param from where the search stands: the segments to start again (from their checkpoints) and the results
     *     still to tell, for a replayed strategy; none otherwise
     * @param replayed whether the strategy was rebuilt from the segment log (so it counts the done trials too)
     */
    record Resumed(List<TrialRecord> done, Replay.Point from, boolean replayed) {
    }

    /** Checks that the run can be resumed with this config and brings the strategy to where the run stopped. */
    static Resumed check(RunDirectory dir, SweepConfig cfg, String dataSha256, SearchStrategy strategy) {
        if (!dir.has(RunDirectory.JOURNAL) || !dir.has(RunDirectory.FINGERPRINT)) {
            throw new BadInputException(dir + ": --resume needs a run directory holding " + RunDirectory.JOURNAL
                    + " and " + RunDirectory.FINGERPRINT + ", but got one without them");
        }
        if (strategy.replayable() && !dir.has(RunDirectory.SEGMENTS)) {
            throw new BadInputException(dir.where(RunDirectory.SEGMENTS) + ": --resume of a " + cfg.search().strategy()
                    .name().toLowerCase(java.util.Locale.ROOT) + " search replays its segment log, but got a run "
                    + "directory without one (written before SparkSweep kept one)");
        }
        if (!strategy.replayable() && !strategy.resumable()) {
            throw new BadInputException(cfg.file() + ": search.strategy: --resume cannot continue "
                    + cfg.search().strategy().name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            JsonNode before = dir.fingerprint();
            // through text, so that both sides have the node types a parser gives (42 is an int either way)
            JsonNode now = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(fingerprint(cfg, dataSha256)));
            String differs = firstDifference("", before, now);
            if (differs != null) {
                throw new BadInputException(cfg.file() + ": " + differs + ": --resume needs the data, search and "
                        + "space of the run it continues, but got " + show(now, differs) + " where the run has "
                        + show(before, differs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dir.repairJournal();
        List<TrialRecord> done = dir.trials();
        List<SegmentLine> lines = List.of();
        if (dir.has(RunDirectory.SEGMENTS)) {
            dir.repairSegments();
            lines = dir.segments();
        }
        if (strategy.replayable()) {
            try {
                return new Resumed(done, Replay.into(strategy, lines.stream().flatMap(l -> l.step().stream())
                        .toList(), done.stream().map(TrialRecord::id).collect(Collectors.toSet())), true);
            } catch (IllegalStateException e) {
                throw new BadInputException(dir.where(RunDirectory.SEGMENTS) + ": " + e.getMessage()
                        + "; --resume needs the log of this search");
            }
        }
        Monitor objective = cfg.search().objective();
        strategy.resume(done.stream().map(r -> new Journaled(r.id(), r.status(),
                r.value(objective))).toList());
        long next = lines.stream().mapToLong(SegmentLine::seq).max().orElse(-1) + 1;
        return new Resumed(done, new Replay.Point(List.of(), List.of(), next), false);
    }

    /** The dotted path of the first value that differs, or null. */
    private static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new java.util.LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String d = firstDifference(path.isEmpty() ? k : path + "." + k,
                        a.path(k), b.path(k));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return a.equals(b) ? null : path;
    }

    private static String show(JsonNode root, String path) {
        JsonNode n = root;
        for (Iterator<String> it = List.of(path.split("\\.")).iterator(); it.hasNext(); ) {
            n = n.path(it.next());
        }
        return n.isMissingNode() ? "nothing" : n.toString();
    }
}
