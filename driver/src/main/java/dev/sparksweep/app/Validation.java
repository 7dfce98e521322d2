package dev.sparksweep.app;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.search.SearchStrategy;
import dev.sparksweep.search.Strategies;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.Hyperparameter;
import dev.sparksweep.spark.Resources;
import dev.sparksweep.spark.SparkContexts;
import dev.sparksweep.worker.EarlyStopping;
import dev.sparksweep.worker.Monitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;

/** {@code sweep validate}: the config and its data checked, and the search's plan, with nothing trained. */
public final class Validation {
    private Validation() {
    }

    /** The lines validate prints after "CONFIG is valid."; throws BadInputException on bad input. */
    public static List<String> plan(SweepConfig cfg, String master) {
        String effective = SparkContexts.master(master, cfg.execution().master());
        Resources.prepareThisJvm(cfg, effective);
        PreparedData data = prepareData(cfg, master);
        checkMetrics(cfg, data);
        MemoryBudget.check(cfg, master, data);
        SearchStrategy strategy = Strategies.create(cfg.search(), cfg.space());
        List<String> out = new ArrayList<>(SearchPlan.of(cfg, strategy, 0).lines());
        Map<String, Object> first = Hyperparameter.shown(strategy.ask(1).get(0).candidate());
        // early_stopping whose patience (say) is searched is shown with the varying parts, not as fixed
        out.add("fixed: " + cfg.space().dimensions().stream().filter(d -> d instanceof Dimension.Fixed)
                .filter(d -> cfg.space().varying().stream().noneMatch(v -> v.name().startsWith(d.name() + ".")))
                .map(d -> d.name() + "=" + first.get(d.name())).collect(Collectors.joining(", ")));
        out.add("data " + data.summary());
        out.add(ModeAdvice.advise(cfg, data));
        out.add("objective " + cfg.search().objective().key() + "; run directory " + cfg.output().dir());
        out.addAll(Resources.plan(cfg.execution(), effective));
        return out;
    }

    /** A metric the objective or early stopping watches must be defined for the data's classes: AUC for two. */
    static void checkMetrics(SweepConfig cfg, PreparedData data) {
        if (data.regression()) {
            return; // the config's task rules already hold every regression metric
        }
        int k = data.training().numClasses();
        String source = data.sources().main().source();
        if (!cfg.search().objective().appliesTo(k)) {
            throw new BadInputException("search.objective: " + cfg.search().objective().key() + " needs exactly 2 "
                    + "classes, but " + source + " has " + k + " (use val_macro_f1 for more classes)");
        }
        for (Dimension d : cfg.space().dimensions()) {
            if (!(d instanceof Dimension.Fixed) && !(d instanceof Dimension.Choice)) {
                continue; // a range of numbers holds no monitor
            }
            for (Object v : d.values()) {
                Monitor m = v instanceof Monitor mv ? mv : v instanceof EarlyStopping es ? es.monitor() : null;
                if (m != null && !m.appliesTo(k)) {
                    throw new BadInputException("space." + d.name() + (d.name().endsWith("monitor") ? "" : ".monitor")
                            + ": " + m.key() + " needs exactly 2 classes, but " + source + " has " + k
                            + " (use val_macro_f1 for more classes)");
                }
            }
        }
    }

    /** The config's data, checked, split and scaled, read by a short-lived Spark context when not built in. */
    static PreparedData prepareData(SweepConfig cfg, String master) {
        if (cfg.data().builtin()) {
            return PreparedData.prepare(cfg.data(), null);
        }
        JavaSparkContext sc = SparkContexts.create("sparksweep " + cfg.name() + " (data)", master,
                cfg.execution().master());
        try {
            return PreparedData.prepare(cfg.data(), SparkContexts.session(sc));
        } finally {
            sc.stop();
        }
    }
}
