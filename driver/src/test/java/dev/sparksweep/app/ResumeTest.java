package dev.sparksweep.app;

import dev.sparksweep.results.RunDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.cli.Cli;
import dev.sparksweep.results.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose driver died after three of six trials, resumed: nothing trained twice, the same leaderboard. */
@Tag("spark")
class ResumeTest {
    static final String CONFIG = """
            name: resume
            data: {source: 'builtin:digits'}
            search: {strategy: grid, seed: 3}
            space:
              width: [16, 32, 64]
              dropout: [0.0, 0.2]
              epochs: 6
            """;

    /** TPE in its reproducible mode, three random trials and then the model. */
    static final String TPE = """
            name: resume-tpe
            data: {source: 'builtin:digits'}
            search: {strategy: tpe, seed: 3, max_trials: 6, startup_trials: 2, reproducible: true}
            space:
              width: {int: [8, 64]}
              dropout: {uniform: [0.0, 0.3]}
              epochs: 6
            """;

    @TempDir
    Path dir;

    @Test
    void aResumedRunTrainsOnlyWhatTheJournalLacksAndEndsWithTheSameLeaderboard() throws Exception {
        crashAndResume(CONFIG);
    }

    @Test
    void aResumedTpeSearchRebuildsItsModelFromTheJournalAndProposesWhatTheWholeRunDid() throws Exception {
        List<TrialRecord> after = crashAndResume(TPE);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), after.stream().map(TrialRecord::proposal).toList());
        assertEquals(List.of("startup", "startup", "startup", "startup", "model", "model"),
                after.stream().map(TrialRecord::proposedBy).toList(), "two startup trials, then two slots' worth"
                        + " proposed before two results were back");
    }

    /** Runs {@code yaml} whole, and again from a copy cut after three trials; returns the resumed journal. */
    List<TrialRecord> crashAndResume(String yaml) throws Exception {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, yaml);
        Path whole = dir.resolve("whole");
        assertEquals(0, Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", whole.toString())
                .code());

        // what a driver killed mid-search leaves: three journal lines, half of a fourth, no leaderboard, no best/
        Path crashed = dir.resolve("crashed");
        copy(whole, crashed);
        List<String> lines = Files.readAllLines(crashed.resolve(RunDirectory.JOURNAL));
        Files.write(crashed.resolve(RunDirectory.JOURNAL), lines.subList(0, 3));
        Files.writeString(crashed.resolve(RunDirectory.JOURNAL), lines.get(3).substring(0, 40),
                StandardOpenOption.APPEND);
        Set<String> journalled = new RunDirectory(crashed).trials().stream().map(TrialRecord::id).collect(Collectors.toSet());
        assertEquals(3, journalled.size());
        for (String f : List.of("leaderboard.csv", "leaderboard.md", "run.json")) {
            Files.delete(crashed.resolve(f));
        }
        delete(crashed.resolve("best"));
        try (Stream<Path> models = Files.list(crashed.resolve("models"))) {
            for (Path m : models.toList()) {
                if (!journalled.contains(m.getFileName().toString().replace(".zip", ""))) {
                    Files.delete(m);
                }
            }
        }

        Cli.Result r = Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", crashed.toString(),
                "--resume");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resuming " + crashed + ": 3 trials already in the journal, 3 to train"),
                r.out());
        List<String> trained = r.out().lines().filter(l -> l.matches("\\[\\d/3] c[0-9a-f]{10} .*"))
                .map(l -> l.split(" ")[1]).toList();
        assertEquals(3, trained.size());
        assertTrue(trained.stream().noneMatch(journalled::contains), "trained again: " + trained);
        List<TrialRecord> after = new RunDirectory(crashed).trials();
        assertEquals(6, after.size());
        assertEquals(6, after.stream().map(TrialRecord::id).distinct().count());
        assertEquals(EndToEndTest.withoutTimes(whole), EndToEndTest.withoutTimes(crashed));
        assertEquals(Files.readString(whole.resolve("best/test-metrics.json")),
                Files.readString(crashed.resolve("best/test-metrics.json")));
        return after;
    }

    @Test
    void resumingWithAnotherSpaceIsRefused() throws Exception {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG.replace("epochs: 6", "epochs: 1"));
        Path run = dir.resolve("run");
        assertEquals(0, Cli.sweep("run", config.toString(), "--master", "local[2]", "--output", run.toString())
                .code());
        byte[] journal = Files.readAllBytes(run.resolve(RunDirectory.JOURNAL));
        Files.writeString(config, CONFIG.replace("epochs: 6", "epochs: 2"));
        Cli.Result r = Cli.sweep("run", config.toString(), "--output", run.toString(), "--resume");
        assertEquals(2, r.code());
        assertEquals("sweep: " + config + ": space.epochs: --resume needs the data, search and space of the run it "
                + "continues, but got 2 where the run has 1\n", r.err());
        assertTrue(java.util.Arrays.equals(journal, Files.readAllBytes(run.resolve(RunDirectory.JOURNAL))));
    }

    @Test
    void resumingWhereNoRunIsIsRefused() throws Exception {
        Path config = dir.resolve("resume.yaml");
        Files.writeString(config, CONFIG);
        Path empty = dir.resolve("empty");
        Cli.Result r = Cli.sweep("run", config.toString(), "--output", empty.toString(), "--resume");
        assertEquals(2, r.code());
        assertEquals("sweep: " + empty + ": --resume needs a run directory holding trials.jsonl and search.json, "
                + "but got one without them\n", r.err());
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    static void delete(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
