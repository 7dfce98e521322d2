package dev.sparksweep.config;

import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.Hyperparameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A config with every default filled in, in the config format's shape, for the run directory. */
public final class ResolvedConfig {
    private ResolvedConfig() {
    }

    public static Map<String, Object> of(SweepConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        DataConfig dc = c.data();
        Map<String, Object> data = map("source", dc.source(), "label", dc.label());
        if (!dc.features().isEmpty()) {
            data.put("features", dc.features());
        }
        if (DataConfig.kind(dc.source()).equals("csv")) {
            data.put("header", dc.csv().header());
            data.put("delimiter", dc.csv().delimiter());
        }
        if (dc.numFeatures() != null) {
            data.put("num_features", dc.numFeatures());
        }
        data.put("missing", lower(dc.missing()));
        // only when set, so that the config hash of a run from before these keys stays the same
        if (dc.categorical().mode() != DataConfig.Categorical.Mode.AUTO) {
            data.put("categorical", dc.categorical().mode() == DataConfig.Categorical.Mode.NONE ? "none"
                    : dc.categorical().columns());
        }
        if (dc.maxCategories() != DataConfig.DEFAULT_MAX_CATEGORIES) {
            data.put("max_categories", dc.maxCategories());
        }
        if (dc.task() != DataConfig.Task.CLASSIFICATION) {
            data.put("task", lower(dc.task()));
        }
        if (dc.classWeights() != DataConfig.ClassWeights.NONE) {
            data.put("class_weights", lower(dc.classWeights()));
        }
        if (dc.validation() != null) {
            data.put("validation", dc.validation());
        }
        if (dc.test() != null) {
            data.put("test", dc.test());
        }
        data.put("split", map("train", dc.split().train(), "validation", dc.split().validation(),
                "test", dc.split().test(), "stratify", dc.split().stratify(), "seed", dc.split().seed()));
        data.put("scale", lower(dc.scale()));
        data.put("max_size_mb", dc.maxSizeMb());
        m.put("data", data);
        Map<String, Object> search = map("strategy", lower(c.search().strategy()), "objective",
                c.search().objective().key(),
                "max_trials", c.search().maxTrials() == Integer.MAX_VALUE ? null : c.search().maxTrials(),
                "max_time", c.search().maxTime() == null ? null : c.search().maxTime().toString(),
                "trial_timeout", c.search().trialTimeout() == null ? null : c.search().trialTimeout().toString(),
                "seed", c.search().seed(), "min_epochs", c.search().minEpochs(), "eta", c.search().eta(),
                "reproducible", c.search().ordered());
        // only where they apply, so that the fingerprints of earlier runs (which --resume compares) stay as they were
        if (c.search().strategy() == SearchConfig.Strategy.HALVING && c.search().sampler() != SearchConfig.Sampler.RANDOM) {
            search.put("sampler", lower(c.search().sampler()));
        }
        if (c.search().strategy() == SearchConfig.Strategy.TPE || c.search().sampler() == SearchConfig.Sampler.TPE) {
            search.put("startup_trials", c.search().startupTrials());
        }
        if (c.search().samplerSeed() != null) {
            search.put("sampler_seed", c.search().samplerSeed());
        }
        m.put("search", search);
        Map<String, Object> space = new LinkedHashMap<>();
        for (Dimension d : c.space().dimensions()) {
            Object value;
            if (d instanceof Dimension.DoubleRange r) {
                value = Map.of(r.log() ? "log_uniform" : "uniform", List.of(r.low(), r.high()));
            } else if (d instanceof Dimension.IntRange r) {
                value = Map.of(r.log() ? "int_log" : "int", List.of(r.low(), r.high()));
            } else if (d instanceof Dimension.Fixed f) {
                value = show(d.name(), f.value());
            } else {
                value = d.values().stream().map(v -> show(d.name(), v)).toList();
            }
            space.put(d.name(), value);
        }
        foldParts(space);
        m.put("space", space);
        m.put("execution", map("master", c.execution().master(),
                "parallelism", c.execution().parallelism() == 0 ? "auto" : c.execution().parallelism(),
                "backend", lower(c.execution().backend()), "engine", lower(c.execution().engine()),
                "mode", lower(c.execution().mode())));
        if (c.execution().gpu()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> exec = (Map<String, Object>) m.get("execution");
            exec.put("gpus_per_executor", c.execution().gpusPerExecutor());
        }
        if (c.execution().mode() == ExecutionConfig.Mode.DATA_PARALLEL) {
            ExecutionConfig.DataParallel dp = c.execution().dataParallel();
            @SuppressWarnings("unchecked")
            Map<String, Object> exec = (Map<String, Object>) m.get("execution");
            exec.put("data_parallel", map("workers", dp.workers() == 0 ? "auto" : dp.workers(),
                    "averaging_frequency", dp.averagingFrequency(), "prefetch", dp.prefetch(),
                    "export_dir", dp.exportDir()));
        }
        m.put("output", map("dir", c.output().dir(), "keep_models", c.output().keepModels()));
        return m;
    }

    private static Object show(String key, Object v) {
        if (v instanceof dev.sparksweep.worker.Monitor m) {
            return m.key();
        }
        return Hyperparameter.byKey(key).map(h -> h.written(v)).orElse(v);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** {@code early_stopping.patience: [...]} and the like back inside {@code early_stopping:}, as the config has it. */
    @SuppressWarnings("unchecked")
    private static void foldParts(Map<String, Object> space) {
        String prefix = Hyperparameter.EARLY_STOPPING.key() + ".";
        List<String> parts = space.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        if (parts.isEmpty() || !(space.get(Hyperparameter.EARLY_STOPPING.key()) instanceof Map<?, ?> base)) {
            return;
        }
        Map<String, Object> es = new LinkedHashMap<>((Map<String, Object>) base);
        for (String k : parts) {
            es.put(k.substring(prefix.length()), space.remove(k));
        }
        space.put(Hyperparameter.EARLY_STOPPING.key(), es);
    }
}
