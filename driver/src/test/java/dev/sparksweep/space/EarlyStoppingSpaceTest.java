package dev.sparksweep.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.ProjectFiles;
import dev.sparksweep.config.ConfigLoader;
import dev.sparksweep.config.ResolvedConfig;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.search.GridSearch;
import dev.sparksweep.search.RandomSearch;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.EarlyStopping;
import dev.sparksweep.worker.Monitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** early_stopping's patience, min_delta and monitor searched like every other key. */
class EarlyStoppingSpaceTest {
    @TempDir
    Path dir;

    private SweepConfig lessonWith(String earlyStopping, String strategy) throws IOException {
        String yaml = Files.readString(ProjectFiles.config("digits-lesson.yaml"))
                .replaceAll("(?m)^  early_stopping: .*$", "  early_stopping: " + earlyStopping)
                .replace("strategy: grid", strategy);
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f);
    }

    private static List<Candidate> grid(SweepConfig c) {
        return new GridSearch(c.space(), c.search().seed(), c.search().maxTrials()).candidates();
    }

    @Test
    void aListOfPatiencesMultipliesTheGridAndKeepsTheIdsOfTheFixedForm() throws IOException {
        List<Candidate> lesson = grid(ConfigLoader.load(ProjectFiles.config("digits-lesson.yaml")));
        List<Candidate> searched = grid(lessonWith("{monitor: val_loss, patience: [2, 5, 10], min_delta: 0.0}",
                "strategy: grid"));
        assertEquals(216, searched.size());
        assertEquals(216, searched.stream().map(Candidate::id).distinct().count());
        Set<String> withFive = searched.stream().filter(c -> c.earlyStopping().patience() == 5).map(Candidate::id)
                .collect(Collectors.toSet());
        assertEquals(lesson.stream().map(Candidate::id).collect(Collectors.toSet()), withFive);
        assertTrue(withFive.contains("ccb35c87ad4"));
        assertEquals(Map.of("val_loss/2/0.0", 72L, "val_loss/5/0.0", 72L, "val_loss/10/0.0", 72L),
                searched.stream().collect(Collectors.groupingBy(
                        c -> (String) Hyperparameter.shown(c).get("early_stopping"), Collectors.counting())));
    }

    @Test
    void noneIsOneAlternativeAndAListedPartExpandsWithinItsAlternative() throws IOException {
        List<Candidate> searched = grid(lessonWith("[none, {monitor: val_loss, patience: [2, 5]}]",
                "strategy: grid"));
        assertEquals(216, searched.size());
        assertEquals(72, searched.stream().filter(c -> c.earlyStopping() == null).count());
        assertEquals(Set.of("none", "val_loss/2/0.0", "val_loss/5/0.0"), searched.stream()
                .map(c -> (String) Hyperparameter.shown(c).get("early_stopping")).collect(Collectors.toSet()));
    }

    @Test
    void randomDrawsEveryPartFromItsDistribution() throws IOException {
        SweepConfig c = lessonWith("{monitor: [val_loss, val_accuracy], patience: {int: [2, 6]}, "
                + "min_delta: {uniform: [0.0, 0.01]}}", "strategy: random\n  max_trials: 300");
        List<Candidate> drawn = new RandomSearch(c.space(), 42, 300).candidates();
        assertEquals(300, drawn.size());
        Set<Integer> patiences = new TreeSet<>();
        Set<Monitor> monitors = new TreeSet<>();
        for (Candidate d : drawn) {
            EarlyStopping es = d.earlyStopping();
            patiences.add(es.patience());
            monitors.add(es.monitor());
            assertTrue(es.minDelta() >= 0 && es.minDelta() <= 0.01, "min_delta " + es.minDelta());
            assertEquals(es.monitor().key() + "/" + es.patience() + "/" + es.minDelta(),
                    Hyperparameter.shown(d).get("early_stopping"));
        }
        assertEquals(Set.of(2, 3, 4, 5, 6), patiences);
        assertEquals(Set.of(Monitor.VAL_LOSS, Monitor.VAL_ACCURACY), monitors);
    }

    @Test
    void theResolvedConfigWritesThePartsInsideEarlyStopping() throws IOException {
        SweepConfig c = lessonWith("{monitor: val_loss, patience: {int: [2, 6]}, min_delta: [0.0, 0.001]}",
                "strategy: tpe\n  max_trials: 10");
        @SuppressWarnings("unchecked")
        Map<String, Object> space = (Map<String, Object>) ResolvedConfig.of(c).get("space");
        assertEquals("{monitor=val_loss, patience={int=[2, 6]}, min_delta=[0.0, 0.001]}",
                space.get("early_stopping").toString());
        assertTrue(space.keySet().stream().noneMatch(k -> k.contains(".")), space.keySet().toString());
    }

    @Test
    void randomDrawsOptimizerAndActivationAsCategories() throws IOException {
        SweepConfig c = lessonWith("none", "strategy: random\n  max_trials: 2000");
        SearchSpace space = c.space()
                .with(new Dimension.Choice("optimizer", List.of(dev.sparksweep.worker.Optimizer.values())))
                .with(new Dimension.Choice("activation", List.of(dev.sparksweep.worker.Activation.values())))
                .with(new Dimension.DoubleRange("learning_rate", 1e-4, 1e-2, true));
        List<Candidate> drawn = new RandomSearch(space, 3, 2000).candidates();
        Map<Object, Long> optimizers = new TreeMap<>(drawn.stream().collect(Collectors.groupingBy(
                d -> Hyperparameter.shown(d).get("optimizer"), Collectors.counting())));
        Map<Object, Long> activations = new TreeMap<>(drawn.stream().collect(Collectors.groupingBy(
                d -> Hyperparameter.shown(d).get("activation"), Collectors.counting())));
        assertEquals(dev.sparksweep.worker.Optimizer.values().length, optimizers.size(), optimizers.toString());
        assertEquals(dev.sparksweep.worker.Activation.values().length, activations.size(), activations.toString());
        double perOptimizer = 2000.0 / optimizers.size();
        optimizers.values().forEach(n -> assertTrue(Math.abs(n - perOptimizer) < 0.2 * perOptimizer,
                "optimizer counts " + optimizers));
        double perActivation = 2000.0 / activations.size();
        activations.values().forEach(n -> assertTrue(Math.abs(n - perActivation) < 0.2 * perActivation,
                "activation counts " + activations));
    }
}
