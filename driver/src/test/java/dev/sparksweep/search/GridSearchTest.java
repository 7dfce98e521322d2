package dev.sparksweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.ProjectFiles;
import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.space.CandidateFactory;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.Hyperparameter;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Candidate;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GridSearchTest {
    static final SweepConfig LESSON = ConfigLoader.load(ProjectFiles.config("digits-lesson.yaml"));

    static GridSearch lesson() {
        return new GridSearch(LESSON.space(), LESSON.search().seed(), LESSON.search().maxTrials());
    }

    @Test
    void theLessonGridHas72CandidatesInConfigOrderLastKeyFastest() {
        List<Candidate> all = lesson().candidates();
        assertEquals(72, all.size());
        // hidden_layers is outermost, l2 (the last listed key) varies fastest
        assertEquals(List.of(1, 1, 1, 1), all.subList(0, 4).stream().map(Candidate::hiddenLayers).toList());
        assertEquals(List.of(0.0, 1e-4, 0.0, 1e-4), all.subList(0, 4).stream().map(Candidate::l2).toList());
        assertEquals(List.of(0.0, 0.0, 0.2, 0.2), all.subList(0, 4).stream().map(Candidate::dropout).toList());
        assertEquals(36, all.stream().filter(c -> c.hiddenLayers() == 2).count());
        assertEquals(2, all.get(36).hiddenLayers());
        assertEquals(24, all.stream().filter(c -> c.batchSize() == 5).count());
        assertTrue(all.stream().allMatch(c -> c.epochs() == 50 && c.learningRate() == 0.001 && c.seed() == 42));
    }

    @Test
    void idsAreDistinctAndStableAcrossRuns() {
        List<String> first = lesson().candidates().stream().map(Candidate::id).toList();
        List<String> second = lesson().candidates().stream().map(Candidate::id).toList();
        assertEquals(first, second);
        assertEquals(72, new HashSet<>(first).size());
        assertTrue(first.stream().allMatch(id -> id.matches("c[0-9a-f]{10}")), first.toString());
        assertEquals(first.get(0), CandidateFactory.idOf(lesson().candidates().get(0)));
    }

    @Test
    void theSeedIsPartOfTheId() {
        GridSearch other = new GridSearch(LESSON.space(), 7, Integer.MAX_VALUE);
        assertNotEquals(lesson().candidates().get(0).id(), other.candidates().get(0).id());
    }

    @Test
    void maxTrialsKeepsTheFirstPointsOfTheGrid() {
        GridSearch g = new GridSearch(LESSON.space(), 42, 10);
        assertEquals(10, g.plannedTrials());
        assertEquals(lesson().candidates().subList(0, 10), g.candidates());
    }

    @Test
    void askHandsOutEachCandidateOnceThenIsExhausted() {
        GridSearch g = lesson();
        List<Candidate> got = new java.util.ArrayList<>();
        while (!g.isExhausted()) {
            List<Candidate> batch = g.next(5);
            assertTrue(batch.size() <= 5);
            got.addAll(batch);
        }
        assertEquals(72, got.size());
        assertEquals(List.of(), g.ask(3));
        assertEquals(72, got.stream().map(Candidate::id).collect(Collectors.toSet()).size());
    }

    @Test
    void defaultsFillEveryKeyNotConfigured() {
        SearchSpace s = SearchSpace.withDefaults(List.of(new Dimension.Choice("width", List.of(8, 16))));
        assertEquals(Hyperparameter.values().length, s.dimensions().size());
        assertEquals(2, s.gridSize());
        assertEquals(List.of("width"), s.varying().stream().map(Dimension::name).toList());
    }
}
