package dev.sparksweep.app;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.SweepConfig;
import dev.sparksweep.data.DatasetLoader;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.Hyperparameter;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.Optimizer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A search whose largest candidate cannot fit in the memory a task has is refused before any work, instead of
 * every such candidate failing at allocation (std::bad_alloc, OutOfMemoryError) as a FAILED trial.
 *
 * <p>The estimate is a lower bound: parameters, their gradients and the optimiser's state slots (see the worker's
 * {@code Updater}), float32 each. Activations, DL4J's workspaces and the best-epoch copy come on top, so a
 * candidate refused here could never have trained.
 *
 * <p>The memory a task has: under a local master the tasks run in the driver JVM, and DL4J's arrays are off-heap
 * (JavaCPP, unlimited by scripts/sweep's {@code maxPhysicalBytes=0}) while the JVM engine's are on the heap; the
 * larger of the two limits any of them can reach is the machine's physical memory, so that is the budget (or the
 * heap, if it is somehow larger). On a cluster a task runs in an executor, which a cluster manager kills beyond
 * {@code spark.executor.memory} plus {@code spark.executor.memoryOverhead} (Spark's default: 10%, at least
 * 384 MiB), so that sum is the budget.
 */
public final class MemoryBudget {
    /** @param bytes what one task can use at most @param owner "an executor has" / "this machine has" @param source which settings */
    record Available(long bytes, String owner, String source) {
    }

    /** The largest candidate of a space: its hidden widths and optimiser. */
    record Largest(List<Long> widths, Optimizer optimizer) {
    }

    private MemoryBudget() {
    }

    /** {@code sweep run}: before the data is read, with the running context's settings. */
    public static void check(SweepConfig cfg, JavaSparkContext sc) {
        Optional<int[]> shape = cfg.data().builtin() ? Optional.of(shapeOf(DatasetLoader.digits()))
                : Optional.empty();
        check(cfg.file(), cfg.space(), shape, available(sc.getConf(), sc.master()));
    }

    /** {@code sweep validate}: after the data is read, with the settings a run would start Spark with. */
    public static void check(SweepConfig cfg, String masterOverride, PreparedData data) {
        SparkConf conf = new SparkConf();
        String master = masterOverride != null ? masterOverride : conf.get("spark.master", cfg.execution().master());
        check(cfg.file(), cfg.space(), Optional.of(new int[] {data.training().numFeatures(),
            data.training().numClasses()}), available(conf, master));
    }

    private static int[] shapeOf(dev.sparksweep.data.Dataset d) {
        return new int[] {d.numFeatures(), d.numClasses()};
    }

    /**
     * @param shape features and classes when known; otherwise the least any data has (1 feature, 2 classes),
     *     which keeps the estimate a lower bound
     */
    static void check(Path file, SearchSpace space, Optional<int[]> shape, Available available) {
        Largest largest = largest(space);
        int features = shape.map(s -> s[0]).orElse(1);
        int classes = shape.map(s -> s[1]).orElse(2);
        double params = parameters(features, largest.widths(), classes);
        double needed = bytesNeeded(params, largest.optimizer());
        if (needed <= available.bytes()) {
            return;
        }
        boolean perLayer = space.dimensions().stream()
                .anyMatch(d -> d.name().equals(Hyperparameter.layerWidthKey(0)));
        StringBuilder net = new StringBuilder(shape.isPresent() ? String.valueOf(features) : "?");
        largest.widths().forEach(w -> net.append('-').append(w));
        net.append('-').append(shape.isPresent() ? String.valueOf(classes) : "?");
        String state = stateSlots(largest.optimizer()) == 0 ? "parameters and gradients"
                : "parameters, gradients and " + largest.optimizer().key() + " state";
        throw new BadInputException((file != null ? file + ": " : "") + (perLayer ? "space.widths" : "space.width")
                + ": candidate " + net + " needs " + (shape.isPresent() ? "~" : "at least ~") + bytes(needed)
                + " for " + state + (shape.isPresent() ? "" : " (with any data's features and classes)")
                + ", but " + available.owner() + " " + bytes(available.bytes()) + " (" + available.source()
                + "); lower " + (perLayer ? "widths" : "width") + " or hidden_layers");
    }

    /** The memory one task can use under {@code master} with {@code conf}'s settings (see the class comment). */
    static Available available(SparkConf conf, String master) {
        String m = master == null ? "" : master.trim();
        if (m.equals("local") || m.startsWith("local[")) {
            long physical = physicalMemory();
            long heap = Runtime.getRuntime().maxMemory();
            return physical >= heap ? new Available(physical, "this machine has", "physical memory; local master")
                    : new Available(heap, "the driver JVM has", "-Xmx; local master");
        }
        long memoryMb = conf.getSizeAsMb("spark.executor.memory", "1g");
        long overheadMb = conf.contains("spark.executor.memoryOverhead")
                ? conf.getSizeAsMb("spark.executor.memoryOverhead", "384m")
                : Math.max(384, (long) (memoryMb * conf.getDouble("spark.executor.memoryOverheadFactor", 0.10)));
        return new Available((memoryMb + overheadMb) << 20, "an executor has",
                "spark.executor.memory + spark.executor.memoryOverhead");
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** The space's largest candidate: the most hidden layers, each at its widest, and the hungriest optimiser. */
    static Largest largest(SearchSpace space) {
        Dimension layers = dimension(space, Hyperparameter.HIDDEN_LAYERS.key());
        Dimension width = space.dimensions().stream().filter(d -> d.name().equals(Hyperparameter.WIDTH.key()))
                .findFirst().orElse(null);
        // parameters grow with every width, but not always with the layer count (a narrow extra layer can shrink
        // the output layer), so each layer count the space allows is tried
        List<Long> best = List.of();
        double bestParams = -1;
        for (long l : counts(layers)) {
            List<Long> widths = new ArrayList<>();
            for (int i = 0; i < l; i++) {
                Dimension d = width != null ? width : dimension(space, Hyperparameter.layerWidthKey(i));
                widths.add((long) max(d));
            }
            // features and classes do not change which layer count is largest by much; 1 and 2 rank them
            double p = parameters(1, widths, 2);
            if (p > bestParams) {
                bestParams = p;
                best = widths;
            }
        }
        Optimizer hungriest = Optimizer.SGD;
        for (Object o : values(dimension(space, Hyperparameter.OPTIMIZER.key()))) {
            Optimizer opt = o instanceof Optimizer x ? x : Optimizer.valueOf(o.toString().toUpperCase(Locale.ROOT));
            if (stateSlots(opt) > stateSlots(hungriest)) {
                hungriest = opt;
            }
        }
        return new Largest(best, hungriest);
    }

    private static Dimension dimension(SearchSpace space, String name) {
        return space.dimensions().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the space has no " + name));
    }

    private static List<Object> values(Dimension d) {
        return d.isDiscrete() ? d.values() : List.of();
    }

    private static List<Long> counts(Dimension d) {
        if (d instanceof Dimension.IntRange r) {
            List<Long> all = new ArrayList<>();
            for (long l = r.low(); l <= r.high(); l++) {
                all.add(l);
            }
            return all;
        }
        return d.values().stream().map(v -> ((Number) v).longValue()).toList();
    }

    private static double max(Dimension d) {
        if (d instanceof Dimension.IntRange r) {
            return r.high();
        }
        if (d instanceof Dimension.DoubleRange r) {
            return r.high();
        }
        return d.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0);
    }

    /** Weights and biases of a dense net: (inputs + 1) x outputs per layer. A double: it may exceed a long. */
    static double parameters(int features, List<Long> widths, int classes) {
        double total = 0;
        double in = features;
        for (long w : widths) {
            total += (in + 1) * w;
            in = w;
        }
        return total + (in + 1) * classes;
    }

    /** Parameters, gradients and the optimiser's state slots, 4 bytes (float32) each. */
    static double bytesNeeded(double parameters, Optimizer optimizer) {
        return parameters * Float.BYTES * (2 + stateSlots(optimizer));
    }

    /** The worker's Updater: a slot shaped like the parameters per moment it keeps. */
    static int stateSlots(Optimizer optimizer) {
        return switch (optimizer) {
            case SGD -> 0;
            case NESTEROVS, RMSPROP -> 1;
            case ADAM, ADAMAX -> 2;
        };
    }

    /** Binary units, one decimal: "1.4 TiB", "4.0 GiB". */
    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", b) : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }
}
