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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.Dependency;
import org.apache.spark.Partition;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.resource.ResourceInformation;
import scala.Function2;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.collection.immutable.Nil$;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * One Spark job per candidate, each a single task that trains the candidate whole on an executor. The training
 * data is broadcast once. A job is run the cheap way: its own RDD holds the request in its one partition, the task
 * body is a named class (Spark's closure cleaner, which re-reads the bytecode of a lambda from its jar for every
 * job, passes it by), the call site is given rather than found on the stack, and the result arrives through a
 * result handler. Each job's group and description name the candidate, so the Spark UI shows what
 * runs where. The task serialises its own result so that the cost of shipping it back can be measured. With
 * backend gpu each task binds its thread to the GPU Spark's resource scheduling gave it, or fails the trial with
 * the reason it cannot.
 */
public final class SparkTrialExecutor implements TrialExecutor {
    private static final String CALL_SITE_SHORT = "callSite.short";
    private static final String CALL_SITE_LONG = "callSite.long";
    private static final ClassTag<TrialRequest> REQUEST = ClassTag$.MODULE$.apply(TrialRequest.class);
    private static final ClassTag<Shipped[]> SHIPPED = ClassTag$.MODULE$.apply(Shipped[].class);
    private final JavaSparkContext sc;
    private final Broadcast<TrainingData> data;
    private final ExecutorService submitters;
    private final Engine engine;
    private final TrainMetrics trainMetrics;
    private final long timeoutMillis;
    private final boolean gpu;
    /** The task body, the same for every job; a named class, so Spark's closure cleaner passes it by. */
    private final Function2<TaskContext, Iterator<TrialRequest>, Shipped[]> task;

    /**
     * @param trialTimeout null for none
     * @param gpu each task trains on the GPU Spark gave it
     */
    public SparkTrialExecutor(JavaSparkContext sc, TrainingData training, Engine engine, TrainMetrics trainMetrics,
                              Duration trialTimeout, int parallelism, boolean gpu) {
        this(sc, training, engine, trainMetrics, trialTimeout, parallelism, gpu, null);
    }

    /** @param task the task body in place of training (tests); null to train */
    SparkTrialExecutor(JavaSparkContext sc, TrainingData training, Engine engine, TrainMetrics trainMetrics,
                       Duration trialTimeout, int parallelism, boolean gpu,
                       Function2<TaskContext, Iterator<TrialRequest>, Shipped[]> task) {
        this.sc = sc;
        this.gpu = gpu;
        this.engine = engine;
        this.trainMetrics = trainMetrics;
        this.timeoutMillis = trialTimeout == null ? 0 : trialTimeout.toMillis();
        this.data = sc.broadcast(training);
        this.task = task != null ? task : new Train(data, engine, trainMetrics, timeoutMillis, gpu);
        this.submitters = Executors.newFixedThreadPool(parallelism, DaemonThreads.named("sparksweep-submit"));
    }

    @Override
    public CompletableFuture<TrialResult> submit(TrialRequest req) {
        return submitAll(List.of(req)).get(0);
    }

    /** One job for all of {@code requests}, one task each. */
    @Override
    public List<CompletableFuture<TrialResult>> submitAll(List<TrialRequest> requests) {
        return submitGroups(requests.stream().map(List::of).toList());
    }

    /**
     * One job for all of {@code groups}, one task each, which trains its group's segments one after another; the
     * results are handed over as each task ends, not when the job does. Spark calls the result handler once per
     * partition, whichever attempt (a retry, a speculative copy) finished it.
     */
    @Override
    public List<CompletableFuture<TrialResult>> submitGroups(List<List<TrialRequest>> groups) {
        long submitted = System.nanoTime();
        List<List<CompletableFuture<TrialResult>>> byGroup = new ArrayList<>(groups.size());
        List<CompletableFuture<TrialResult>> results = new ArrayList<>();
        List<TrialRequest> requests = new ArrayList<>();
        for (List<TrialRequest> g : groups) {
            List<CompletableFuture<TrialResult>> futures = new ArrayList<>(g.size());
            g.forEach(r -> futures.add(new CompletableFuture<>()));
            byGroup.add(futures);
            results.addAll(futures);
            requests.addAll(g);
        }
        if (requests.isEmpty()) {
            return results;
        }
        submitters.execute(() -> {
            long started = System.nanoTime();
            String description = describe(requests);
            TrialRequest first = requests.get(0);
            sc.setJobGroup("trial-" + first.id() + (requests.size() > 1 ? "+" + (requests.size() - 1) : ""),
                    description, true);
            // the call site Spark would otherwise find by walking this thread's stack for every job
            sc.sc().setLocalProperty(CALL_SITE_SHORT, description);
            sc.sc().setLocalProperty(CALL_SITE_LONG, description);
            try {
                sc.sc().runJob(new Requests(sc.sc(), groups), task, partitions(groups.size()),
                        new Arrived(byGroup, submitted, started), SHIPPED);
                for (CompletableFuture<TrialResult> r : results) {
                    if (!r.isDone()) {
                        r.completeExceptionally(new IllegalStateException("the job ended without this result"));
                    }
                }
            } catch (Throwable e) {
                results.forEach(r -> r.completeExceptionally(e));
            } finally {
                sc.sc().setLocalProperty(CALL_SITE_SHORT, null);
                sc.sc().setLocalProperty(CALL_SITE_LONG, null);
                sc.clearJobGroup();
            }
        });
        return results;
    }

    private static String describe(List<TrialRequest> requests) {
        StringBuilder b = new StringBuilder();
        for (TrialRequest req : requests) {
            Candidate c = req.candidate();
            String segment = req.from() == null ? "" : " epochs " + (req.from().epochs() + 1) + "-" + req.untilEpoch();
            b.append(b.length() == 0 ? "" : "; ").append("trial ").append(c.id()).append(segment).append(' ')
                    .append(Hyperparameter.shown(c));
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static Seq<Object> partitions(int n) {
        List<Object> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return (Seq<Object>) (Object) JavaConverters.asScalaBuffer(all).toList();
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

    /**
     * The requests of one job, one group of them per partition: requests travel with their own task, and the job
     * needs neither {@code parallelize}'s slicing and scope nor a cleaned closure.
     */
    static final class Requests extends RDD<TrialRequest> {
        private final transient List<List<TrialRequest>> groups;

        @SuppressWarnings("unchecked")
        Requests(SparkContext sc, List<List<TrialRequest>> groups) {
            super(sc, (Seq<Dependency<?>>) (Object) Nil$.MODULE$, REQUEST);
            this.groups = groups;
        }

        @Override
        public Iterator<TrialRequest> compute(Partition split, TaskContext context) {
            return JavaConverters.asScalaIterator(((Slot) split).requests().iterator());
        }

        @Override
        public Partition[] getPartitions() {
            Partition[] slots = new Partition[groups.size()];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot(i, List.copyOf(groups.get(i)));
            }
            return slots;
        }
    }

    /** One task's partition: the requests it trains, in order. */
    record Slot(int index, List<TrialRequest> requests) implements Partition {
    }

    /**
     * Called by Spark on the driver as a task's results arrive (once per partition, whatever attempts ran):
     * completes its requests' futures with the results read back and their transport timings. A request that
     * shared its task with others is given its own time in the task plus an equal share of the rest of the job.
     */
    static final class Arrived extends AbstractFunction2<Object, Shipped[], BoxedUnit> {
        private final List<List<CompletableFuture<TrialResult>>> groups;
        private final long submitted;
        private final long started;

        Arrived(List<List<CompletableFuture<TrialResult>>> groups, long submitted, long started) {
            this.groups = groups;
            this.submitted = submitted;
            this.started = started;
        }

        @Override
        public BoxedUnit apply(Object index, Shipped[] shipped) {
            long ended = System.nanoTime();
            List<CompletableFuture<TrialResult>> futures = groups.get((Integer) index);
            double job = (ended - started) / 1e6;
            try {
                if (shipped.length != futures.size()) {
                    throw new IllegalStateException("a task of " + futures.size() + " segments returned "
                            + shipped.length + " results");
                }
                TrialResult[] rs = new TrialResult[shipped.length];
                double[] deserialize = new double[shipped.length];
                double own = 0;
                for (int i = 0; i < shipped.length; i++) {
                    long t0 = System.nanoTime();
                    rs[i] = (TrialResult) fromBytes(shipped[i].result());
                    deserialize[i] = (System.nanoTime() - t0) / 1e6;
                    own += Math.max(0, rs[i].placement().taskEnd() - rs[i].placement().taskStart());
                }
                double rest = Math.max(0, job - own) / rs.length;
                for (int i = 0; i < rs.length; i++) {
                    TrialResult r = rs[i];
                    double mine = rs.length == 1 ? job
                            : Math.max(0, r.placement().taskEnd() - r.placement().taskStart()) + rest;
                    futures.get(i).complete(r.withTimings(r.timings().withTransport((started - submitted) / 1e6,
                            mine, shipped[i].serializeMillis() + deserialize[i])));
                }
            } catch (RuntimeException e) {
                futures.forEach(f -> f.completeExceptionally(e));
            }
            return BoxedUnit.UNIT;
        }
    }

    /** The task body: runs on the executor. */
    static final class Train extends AbstractFunction2<TaskContext, Iterator<TrialRequest>, Shipped[]>
            implements Serializable {
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
        public Shipped[] apply(TaskContext context, Iterator<TrialRequest> requests) {
            List<Shipped> out = new ArrayList<>();
            while (requests.hasNext()) {
                out.add(call(requests.next()));
            }
            return out.toArray(new Shipped[0]);
        }

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
