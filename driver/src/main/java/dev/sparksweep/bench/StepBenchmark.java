package dev.sparksweep.bench;

import dev.sparksweep.common.ProcessStats;
import dev.sparksweep.space.CandidateFactory;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.Engine;
import dev.sparksweep.worker.TrainingData;
import dev.sparksweep.worker.TrainingEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The cost of one optimiser step of a dense net in each engine, on the calling thread: thread CPU, process CPU
 * (GC and native-memory threads included) and wall time per step, and the implied GFLOP/s counting
 * 6 x parameters x batch per step (forward, backward and update).
 */
public final class StepBenchmark {
    /** A dense net: inputs, hidden widths, classes. */
    public record Net(int inputs, List<Integer> hidden, int classes) {
        public String label() {
            StringBuilder sb = new StringBuilder().append(inputs);
            hidden.forEach(h -> sb.append('-').append(h));
            return sb.append('-').append(classes).toString();
        }

        public long parameters() {
            long p = 0;
            int in = inputs;
            for (int h : hidden) {
                p += (long) in * h + h;
                in = h;
            }
            return p + (long) in * classes + classes;
        }
    }

    public record Row(String engine, String net, int batch, long parameters, long steps, double threadMicros,
                      double processMicros, double wallMicros, double gflops) {
    }

    public static final List<Net> NETS = List.of(new Net(64, List.of(64), 10), new Net(64, List.of(128, 128), 10),
            new Net(784, List.of(256), 10));
    public static final List<Integer> BATCHES = List.of(1, 5, 32, 128);

    private StepBenchmark() {
    }

    public static List<Row> run(List<Engine> engines, List<Net> nets, List<Integer> batches, double secondsEach) {
        // warm the JIT on the smallest case first, so that the first rows do not pay for compilation
        for (Engine e : engines) {
            measure(e, nets.get(0), batches.get(0), 3.0);
        }
        List<Row> rows = new ArrayList<>();
        for (Net net : nets) {
            for (int batch : batches) {
                for (Engine e : engines) {
                    rows.add(measure(e, net, batch, secondsEach));
                }
            }
        }
        return rows;
    }

    /**
     * Steps through an engine's own epoch loop (batch copy included) on synthetic rows, 20 steps an epoch, for
     * about {@code seconds} after a warm-up of a third of that.
     */
    public static Row measure(Engine engine, Net spec, int batch, double seconds) {
        int width = spec.hidden().get(0);
        if (spec.hidden().stream().anyMatch(h -> h != width)) {
            throw new IllegalArgumentException("hidden layers of one width only: " + spec.hidden());
        }
        Candidate c = CandidateFactory.create(Map.of("hidden_layers", spec.hidden().size(), "width", width,
                "batch_size", batch, "epochs", 1), 42).withId("bench");
        int stepsPerEpoch = 20;
        int n = batch * stepsPerEpoch;
        Random rng = new Random(1);
        float[] x = new float[n * spec.inputs()];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        for (int r = 0; r < n; r++) {
            y[r] = rng.nextInt(spec.classes());
        }
        TrainingData data = new TrainingData(x, y, new float[spec.inputs()], new int[1], spec.inputs(),
                spec.classes());
        TrainingEngine.Session session = engine.engineFor(c, data).open(c, data, null);
        int epoch = 1;
        long warmEnd = System.nanoTime() + (long) (seconds * 0.3e9);
        while (System.nanoTime() < warmEnd) {
            session.trainEpoch(epoch++);
        }
        long steps0 = session.steps();
        long wall0 = System.nanoTime();
        long thread0 = ProcessStats.threadCpuNanos();
        long proc0 = ProcessStats.processCpuNanos();
        long end = wall0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end || session.steps() - steps0 < 20) {
            session.trainEpoch(epoch++);
        }
        long steps = session.steps() - steps0;
        double wall = (System.nanoTime() - wall0) / 1e3 / steps;
        double thread = (ProcessStats.threadCpuNanos() - thread0) / 1e3 / steps;
        double proc = (ProcessStats.processCpuNanos() - proc0) / 1e3 / steps;
        double gflops = 6.0 * spec.parameters() * batch / (thread * 1e3);
        return new Row(engine.key(), spec.label(), batch, spec.parameters(), steps, thread, proc, wall, gflops);
    }

    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-7s %-16s %6s %10s %12s %12s %10s %9s%n",
                "engine", "net", "batch", "params", "thread us", "process us", "wall us", "GFLOP/s"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-7s %-16s %6d %10d %12.1f %12.1f %10.1f %9.2f%n", r.engine(),
                    r.net(), r.batch(), r.parameters(), r.threadMicros(), r.processMicros(), r.wallMicros(),
                    r.gflops()));
        }
        return sb.toString();
    }
}
