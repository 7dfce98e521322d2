package dev.sparksweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sparksweep.space.Candidates;
import dev.sparksweep.worker.Engine;
import dev.sparksweep.worker.TrainMetrics;
import dev.sparksweep.worker.TrainingData;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialStatus;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * The job path of {@link SparkTrialExecutor}: its own RDD with one request per partition, a named task body and a
 * result handler. Under {@code local[2,2]} a failed task attempt is retried once.
 */
class SparkTrialExecutorTest {
    static JavaSparkContext sc;
    static TrainingData data;

    @BeforeAll
    static void start() {
        sc = SparkContexts.create("SparkTrialExecutorTest", "local[2,2]", null);
        int rows = 40;
        float[] x = new float[rows * 4];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (y[i] == 1 ? 1f : -1f) * (j + 1) / 4f + (i % 7) / 20f;
            }
        }
        data = new TrainingData(x, y, x, y, 4, 2);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    static TrialRequest request(int width, long seed) {
        return new TrialRequest(Candidates.of(Map.of("width", width, "batch_size", 8, "epochs", 2), seed), null, 2);
    }

    @Test
    void severalRequestsAreOneJobAndEachResultArrivesWithItsOwnRequest() throws Exception {
        try (SparkTrialExecutor ex = new SparkTrialExecutor(sc, data, Engine.JVM, TrainMetrics.RUNNING, null, 2,
                false)) {
            List<TrialRequest> reqs = List.of(request(3, 1), request(5, 2), request(7, 3));
            List<CompletableFuture<TrialResult>> results = ex.submitAll(reqs);
            for (int i = 0; i < reqs.size(); i++) {
                TrialResult r = results.get(i).get(2, TimeUnit.MINUTES);
                assertEquals(reqs.get(i).id(), r.id());
                assertEquals(TrialStatus.COMPLETE, r.status(), r.reason());
                assertEquals(2, r.epochsTrained());
                assertNotNull(r.executor());
                assertTrue(r.timings().jobMillis() > 0);
            }
            TrialResult single = ex.submit(request(4, 4)).get(2, TimeUnit.MINUTES);
            assertEquals(TrialStatus.COMPLETE, single.status(), single.reason());
            assertEquals(1, sc.statusTracker().getJobIdsForGroup("trial-" + reqs.get(0).id() + "+2").length,
                    "one job for the three");
            assertEquals(1, sc.statusTracker().getJobIdsForGroup("trial-" + single.id()).length);
        }
    }

    @Test
    void aGroupTrainsInOneTaskAndEachOfItsResultsComesBack() throws Exception {
        try (SparkTrialExecutor ex = new SparkTrialExecutor(sc, data, Engine.JVM, TrainMetrics.RUNNING, null, 2,
                false)) {
            List<TrialRequest> a = List.of(request(3, 11), request(5, 12), request(7, 13));
            List<TrialRequest> b = List.of(request(4, 14));
            List<CompletableFuture<TrialResult>> results = ex.submitGroups(List.of(a, b));
            List<TrialRequest> all = List.of(a.get(0), a.get(1), a.get(2), b.get(0));
            assertEquals(4, results.size());
            for (int i = 0; i < all.size(); i++) {
                TrialResult r = results.get(i).get(2, TimeUnit.MINUTES);
                assertEquals(all.get(i).id(), r.id());
                assertEquals(TrialStatus.COMPLETE, r.status(), r.reason());
                assertTrue(r.timings().jobMillis() >= r.timings().totalMillis() * 0.5, r.timings().toString());
            }
            assertEquals(1, sc.statusTracker().getJobIdsForGroup("trial-" + a.get(0).id() + "+3").length);
        }
    }

    /** Fails the first attempt of every task; the retry trains nothing but says which attempt it was. */
    static final class FailFirstAttempt extends AbstractFunction2<TaskContext, Iterator<TrialRequest>,
            SparkTrialExecutor.Shipped[]> implements Serializable {
        @Override
        public SparkTrialExecutor.Shipped[] apply(TaskContext ctx, Iterator<TrialRequest> it) {
            TrialRequest req = it.next();
            if (ctx.attemptNumber() == 0) {
                throw new IllegalStateException("attempt 0 of " + req.id() + " fails");
            }
            TrialResult r = TrialResult.failed(req.candidate(), "ran as attempt " + ctx.attemptNumber())
                    .ranIn("h", SparkEnv.get().executorId(), ctx.attemptNumber(), null, 0, 1);
            return new SparkTrialExecutor.Shipped[] {new SparkTrialExecutor.Shipped(SparkTrialExecutor.toBytes(r), 0)};
        }
    }

    @Test
    void aRetriedAttemptDeliversItsResultOnce() throws Exception {
        try (SparkTrialExecutor ex = new SparkTrialExecutor(sc, data, Engine.JVM, TrainMetrics.RUNNING, null, 2,
                false, new FailFirstAttempt())) {
            List<TrialRequest> reqs = List.of(request(3, 5), request(5, 6));
            List<CompletableFuture<TrialResult>> results = ex.submitAll(reqs);
            for (int i = 0; i < reqs.size(); i++) {
                TrialResult r = results.get(i).get(2, TimeUnit.MINUTES);
                assertEquals(reqs.get(i).id(), r.id());
                assertEquals("ran as attempt 1", r.reason());
                assertEquals(1, r.attempt());
            }
        }
    }

    /** Fails every attempt. */
    static final class AlwaysFail extends AbstractFunction2<TaskContext, Iterator<TrialRequest>,
            SparkTrialExecutor.Shipped[]> implements Serializable {
        @Override
        public SparkTrialExecutor.Shipped[] apply(TaskContext ctx, Iterator<TrialRequest> it) {
            throw new IllegalStateException("no executor can take " + it.next().id());
        }
    }

    @Test
    void aFailedJobFailsEveryRequestInIt() throws Exception {
        try (SparkTrialExecutor ex = new SparkTrialExecutor(sc, data, Engine.JVM, TrainMetrics.RUNNING, null, 2,
                false, new AlwaysFail())) {
            for (CompletableFuture<TrialResult> f : ex.submitAll(List.of(request(3, 7), request(5, 8)))) {
                try {
                    f.get(2, TimeUnit.MINUTES);
                    fail("the job failed, so must its requests");
                } catch (ExecutionException e) {
                    assertTrue(e.getCause().getMessage().contains("no executor can take"), e.getCause().getMessage());
                }
            }
        }
    }
}
