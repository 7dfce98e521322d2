package dev.sparksweep.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.ProjectFiles;
import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.search.GridSearch;
import dev.sparksweep.worker.Candidate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ids are hashes of the rendered hyperparameters; run directories resume by them, so they must never change.
 * The expected ids were computed before the hyperparameters got one definition each.
 */
class CandidateIdTest {
    static GridSearch lessonGrid() {
        SweepConfig lesson = ConfigLoader.load(ProjectFiles.config("digits-lesson.yaml"));
        return new GridSearch(lesson.space(), lesson.search().seed(), lesson.search().maxTrials());
    }

    @Test
    void theLessonsFirstAndLastCandidatesKeepTheirIds() {
        Candidate first = lessonGrid().candidates().get(0);
        assertEquals("ccb35c87ad4", first.id());
        assertEquals("{hidden_layers=1, width=32, activation=relu, batch_size=5, epochs=50, optimizer=adam, "
                + "learning_rate=0.001, dropout=0.0, l1=0.0, l2=0.0, early_stopping=val_loss/5/0.0}",
                Hyperparameter.shown(first).toString());
        assertEquals(first, Candidates.lesson());
        assertEquals("caf24795bd0", lessonGrid().candidates().get(71).id());
    }

    @Test
    void perLayerWidthsFullBatchAndNoEarlyStoppingKeepTheirIds() {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("hidden_layers", 2);
        point.put(CandidateFactory.layerWidthKey(0), 64);
        point.put(CandidateFactory.layerWidthKey(1), 32);
        point.put("batch_size", Candidate.FULL_BATCH);
        point.put("learning_rate", 0.0123);
        Candidate c = CandidateFactory.create(point, 7);
        assertEquals("c9b2ad09e52", c.id());
        assertEquals("{hidden_layers=2, width=64-32, activation=relu, batch_size=full, epochs=50, optimizer=adam, "
                + "learning_rate=0.0123, dropout=0.0, l1=0.0, l2=0.0, early_stopping=none}",
                Hyperparameter.shown(c).toString());
    }

    @Test
    void everyKeyReachesTheCandidateAndIsShown() {
        Candidate c = Candidates.lesson();
        for (Hyperparameter h : Hyperparameter.values()) {
            assertTrue(c.values().containsKey(h.key()), h.key());
        }
        assertEquals(List.of(Hyperparameter.values()).stream().map(Hyperparameter::key).toList(),
                List.copyOf(Hyperparameter.shown(c).keySet()));
    }

    @Test
    void theDefaultsKeepTheirId() {
        assertEquals("c52a44aaa70", CandidateFactory.create(Map.of(), 42).id());
    }
}
