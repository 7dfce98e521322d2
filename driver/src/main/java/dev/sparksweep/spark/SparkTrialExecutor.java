package dev.sparksweep.spark;

import dev.sparksweep.common.DaemonThreads;
import dev.sparksweep.search.TrialExecutor;
import dev.sparksweep.space.Hyperparameter;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.CandidateTrainer;
import dev.sparksweep.worker.Engine;
import dev.sparksweep.worker.TrainMetrics;
import dev.sparksweep.worker.TrainingData;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.gpu.Cuda;
import dev.sparksweep.worker.gpu.GpuDevice;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.resource.ResourceInformation;

/**
 * One Spark job per candidate, each a single task that trains the candidate whole on an executor. The training
 * data is broadcast once. Each job's group and description name the candidate, so the Spark UI shows what
 * runs where. The task serialises its own result so that the cost of shipping it back can be measured. With
 * backend gpu each task binds its thread to the GPU Spark's resource scheduling gave it, or fails the trial with
 * the reason it cannot.
 */
public final class SparkTrialExecutor implements TrialExecutor {
    private final JavaSparkContext sc;
    private final Broadcast<TrainingData> data;
    private final ExecutorService submitters;
    private final Engine engine;
    private final TrainMetrics trainMetrics;
    private final long timeoutMillis;
    private final boolean gpu;

    /**
     * @param trialTimeout null for none
     * @param gpu each task trains on the GPU Spark gave it
     */
    public SparkTrialExecutor(JavaSparkContext sc, TrainingData training, Engine engine, TrainMetrics trainMetrics,
                              Duration trialTimeout, int parallelism, boolean gpu) {
        this.sc = sc;
        this.gpu = gpu;
        this.engine = engine;
        this.trainMetrics = trainMetrics;
        this.timeoutMillis = trialTimeout == null ? 0 : trialTimeout.toMillis();
        this.data = sc.broadcast(training);
        this.submitters = Executors.newFixedThreadPool(parallelism, DaemonThreads.named("sparksweep-submit"));
    }

    @Override
    public CompletableFuture<TrialResult> submit(TrialRequest req) {
        long submitted = System.nanoTime();
        Candidate c = req.candidate();
        String segment = req.from() == null ? "" : " epochs " + (req.from().epochs() + 1) + "-" + req.untilEpoch();
        return CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            sc.setJobGroup("trial-" + c.id(), "trial " + c.id() + segment + " " + Hyperparameter.shown(c), true);
            Shipped shipped;
            try {
                shipped = sc.parallelize(List.of(req), 1).map(new Train(data, engine, trainMetrics, timeoutMillis, gpu)).collect()
                        .get(0);
            } finally {
                sc.clearJobGroup();
            }
            long ended = System.nanoTime();
            TrialResult r = (TrialResult) fromBytes(shipped.result());
            double deserialize = (System.nanoTime() - ended) / 1e6;
            return r.withTimings(r.timings().withTransport((started - submitted) / 1e6, (ended - started) / 1e6,
                    shipped.serializeMillis() + deserialize));
        }, submitters);
    }

    @Override
    public String describe() {
        return gpu ? "backend gpu: each trial trains on the GPU Spark gives its task (README \"GPU\")" : "";
    }

    @Override
    public void close() {
        submitters.shutdownNow();
        data.destroy();
    }

    /** A serialised TrialResult and what serialising it cost on the executor. */
    record Shipped(byte[] result, double serializeMillis) implements Serializable {
    }

    /** The task body: runs on the executor. */
    static final class Train implements Function<TrialRequest, Shipped> {
        private final Broadcast<TrainingData> data;
        private final Engine engine;
        private final TrainMetrics trainMetrics;
        private final long timeoutMillis;
        private final boolean gpu;

        Train(Broadcast<TrainingData> data, Engine engine, TrainMetrics trainMetrics, long timeoutMillis,
              boolean gpu) {
            this.data = data;
            this.engine = engine;
            this.trainMetrics = trainMetrics;
            this.timeoutMillis = timeoutMillis;
            this.gpu = gpu;
        }

        @Override
        public Shipped call(TrialRequest req) {
            long start = System.currentTimeMillis();
            String executor = SparkEnv.get().executorId();
            TrialResult r;
            GpuDevice device = null;
            if (gpu) {
                String address = gpuAddress(TaskContext.get());
                String visible = System.getenv("CUDA_VISIBLE_DEVICES");
                try {
                    device = Cuda.forTask(address, visible);
                } catch (Cuda.GpuUnavailable e) {
                    device = GpuDevice.unbound(address, visible);
                    r = TrialResult.failed(req.candidate(), "executor " + executor + " (" + CandidateTrainer.host()
                            + "): " + e.getMessage());
                    return ship(r.ranIn(CandidateTrainer.host(), executor, TaskContext.get().attemptNumber(), device,
                            start, System.currentTimeMillis()));
                }
            }
            try {
                r = CandidateTrainer.train(req, data.value(), engine, trainMetrics, timeoutMillis);
            } finally {
                Cuda.release(device);
            }
            return ship(r.ranIn(CandidateTrainer.host(), executor, TaskContext.get().attemptNumber(), device, start,
                    System.currentTimeMillis()));
        }

        private static Shipped ship(TrialResult r) {
            long t0 = System.nanoTime();
            byte[] bytes = toBytes(r);
            return new Shipped(bytes, (System.nanoTime() - t0) / 1e6);
        }
    }

    /**
     * The GPU address Spark's resource scheduling gave the task, or null when it gave none (a local master, whose
     * tasks Spark gives no resources: then the task takes one of this JVM's GPUs, see LocalDevices).
     */
    static String gpuAddress(TaskContext task) {
        ResourceInformation gpu = task.resourcesJMap().get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return null;
        }
        return gpu.addresses()[0];
    }

    static byte[] toBytes(Serializable o) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    static Object fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
