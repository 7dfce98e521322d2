package dev.sparksweep.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.ResolvedConfig;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.common.Json;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.search.Journaled;
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
 * search and space, and the data's SHA-256) must match the config's; the journal is read, a torn last line is
 * cut, and the strategy skips every trial the journal already holds.
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

    /** Checks that the run can be resumed with this config; returns the trials its journal already holds. */
    static List<TrialRecord> check(RunDirectory dir, SweepConfig cfg, String dataSha256, SearchStrategy strategy) {
        if (!dir.has(RunDirectory.JOURNAL) || !dir.has(RunDirectory.FINGERPRINT)) {
            throw new BadInputException(dir + ": --resume needs a run directory holding " + RunDirectory.JOURNAL
                    + " and " + RunDirectory.FINGERPRINT + ", but got one without them");
        }
        if (!strategy.resumable()) {
            throw new BadInputException(cfg.file() + ": search.strategy: --resume supports grid, random and tpe "
                    + "(a halving run's paused trials are not on disk), but got " + cfg.search().strategy().name().toLowerCase(java.util.Locale.ROOT));
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
        Monitor objective = cfg.search().objective();
        strategy.resume(done.stream().map(r -> new Journaled(r.id(), r.status(),
                objective == Monitor.VAL_LOSS ? r.valLoss() : r.valAccuracy())).toList());
        return done;
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
