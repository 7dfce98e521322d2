package dev.sparksweep.spark;

import dev.sparksweep.run.TrialExecutor;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.CandidateTrainer;
import dev.sparksweep.worker.TrainingData;
import dev.sparksweep.worker.TrialResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * One Spark job per candidate, each a single task that trains the candidate whole on an executor. The training
 * data is broadcast once. Each job's group and description name the candidate, so the Spark UI shows what
 * runs where.
 */
public final class SparkTrialExecutor implements TrialExecutor {
    private final JavaSparkContext sc;
    private final Broadcast<TrainingData> data;
    private final ExecutorService submitters;

    public SparkTrialExecutor(JavaSparkContext sc, TrainingData training, int parallelism) {
        this.sc = sc;
        this.data = sc.broadcast(training);
        this.submitters = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "sparksweep-submit");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<TrialResult> submit(Candidate c) {
        return CompletableFuture.supplyAsync(() -> {
            sc.setJobGroup("trial-" + c.id(), "trial " + c.id() + " " + c.hyperparameters(), true);
            try {
                return sc.parallelize(List.of(c), 1).map(new Train(data)).collect().get(0);
            } finally {
                sc.clearJobGroup();
            }
        }, submitters);
    }

    @Override
    public int slots() {
        return sc.defaultParallelism();
    }

    @Override
    public void close() {
        submitters.shutdownNow();
        data.destroy();
    }

    /** The task body: runs on the executor. */
    static final class Train implements Function<Candidate, TrialResult> {
        private final Broadcast<TrainingData> data;

        Train(Broadcast<TrainingData> data) {
            this.data = data;
        }

        @Override
        public TrialResult call(Candidate c) {
            return CandidateTrainer.train(c, data.value()).withExecutor(SparkEnv.get().executorId());
        }
    }
}
