package dev.sparksweep.spark;

import dev.sparksweep.config.ExecutionConfig.DataParallel;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.Checkpoint;
import dev.sparksweep.worker.EpochOrder;
import dev.sparksweep.worker.NetworkFactory;
import dev.sparksweep.worker.TrainingData;
import dev.sparksweep.worker.TrainingEngine;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.util.ExportSupport;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one adapter over dl4j-spark (deprecated upstream, so nothing else touches it): each epoch of a candidate
 * is one {@code SparkDl4jMultiLayer.fit} over the training rows, cached across the executors, with parameter
 * averaging. Validation runs on the driver after each epoch, so {@code CandidateTrainer}'s loop (history, early
 * stopping, checkpoints) is the same as in per-candidate mode.
 */
public final class DataParallelEngine implements TrainingEngine, AutoCloseable {
    public static final String KEY = "dl4j-spark";
    /** Rows per DataSet object in the RDD; DL4J re-batches them to each candidate's batch size. */
    static final int CHUNK = 32;

    private final JavaSparkContext sc;
    private final JavaRDD<Rows> rows;
    private final int workers;
    private final DataParallel cfg;
    private final String exportRoot;
    private final AtomicInteger sessions = new AtomicInteger();
    private final boolean export;

    /** Training rows as they sit in the cached RDD: plain arrays, turned into a DataSet when fitted. */
    /** @param target a regression's standardised targets, or null for classes */
    public record Rows(float[] x, int[] y, int numFeatures, int numClasses, float[] target) implements Serializable {
        DataSet toDataSet() {
            int n = y.length;
            if (target != null) {
                return new DataSet(Nd4j.create(x, new long[] {n, numFeatures}, 'c'),
                        Nd4j.create(target, new long[] {n, 1}, 'c'));
            }
            float[] oneHot = new float[n * numClasses];
            for (int i = 0; i < n; i++) {
                oneHot[i * numClasses + y[i]] = 1f;
            }
            return new DataSet(Nd4j.create(x, new long[] {n, numFeatures}, 'c'),
                    Nd4j.create(oneHot, new long[] {n, numClasses}, 'c'));
        }
    }

    /** @param exportRoot a directory URI every executor can reach; removed by {@link #close()} */
    public DataParallelEngine(JavaSparkContext sc, TrainingData data, DataParallel cfg, String exportRoot) {
        this.sc = sc;
        this.cfg = cfg;
        this.exportRoot = exportRoot;
        this.workers = cfg.workers() > 0 ? cfg.workers() : sc.defaultParallelism();
        // DL4J exports mini-batches to files only where every executor can read them back: local mode, or a
        // default file system that is not the local one (HDFS, S3); elsewhere it trains from the RDD directly
        this.export = ExportSupport.exportSupported(sc);
        int f = data.numFeatures();
        List<Rows> chunks = new ArrayList<>();
        for (int start = 0; start < data.trainRows(); start += CHUNK) {
            int n = Math.min(CHUNK, data.trainRows() - start);
            chunks.add(new Rows(java.util.Arrays.copyOfRange(data.trainX(), start * f, (start + n) * f),
                    java.util.Arrays.copyOfRange(data.trainY(), start, start + n), f, data.numClasses(),
                    data.regression() ? java.util.Arrays.copyOfRange(data.target().train(), start, start + n) : null));
        }
        this.rows = sc.parallelize(chunks, workers).persist(StorageLevel.MEMORY_AND_DISK());
        rows.count();
    }

    public int workers() {
        return workers;
    }

    /** One line for the console: workers, averaging and where the mini-batches go. */
    public String describe() {
        return "data parallel: " + workers + " workers, parameters averaged every " + cfg.averagingFrequency()
                + " mini-batches, " + (export ? "mini-batches exported to " + exportRoot + " (removed after the run)"
                : "mini-batches kept in the RDD (Direct: the default file system is local and the master is not, "
                + "so nothing is exported)");
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Session open(Candidate c, TrainingData data, Checkpoint from) {
        MultiLayerNetwork net = NetworkFactory.start(c, data, from);
        int epochs = from == null ? 0 : from.epochs();
        int n = data.trainRows();
        int batch = EpochOrder.batchRows(c, n, workers);
        String export = exportRoot + "/" + c.id() + "-" + sessions.incrementAndGet();
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers, CHUNK)
                .batchSizePerWorker(batch).averagingFrequency(cfg.averagingFrequency())
                .workerPrefetchNumBatches(cfg.prefetch()).saveUpdater(true).rngSeed(c.seed())
                .rddTrainingApproach(this.export ? RDDTrainingApproach.Export : RDDTrainingApproach.Direct)
                // the rows are spread evenly already; DL4J's balanced repartitioning divides by zero on a small
                // last split
                .repartionData(this.export ? Repartition.Always : Repartition.Never)
                .exportDirectory(export).build();
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, master);
        JavaRDD<DataSet> sets = rows.map(Rows::toDataSet);
        return new DataParallelSession(spark, master, sets, export, data.numFeatures(), epochs,
                (n + batch - 1) / batch);
    }

    private final class DataParallelSession implements Session {
        private final SparkDl4jMultiLayer spark;
        private final ParameterAveragingTrainingMaster master;
        private final JavaRDD<DataSet> sets;
        private final String export;
        private final int numFeatures;
        private final int stepsPerEpoch;
        private int epochs;
        private long steps;

        DataParallelSession(SparkDl4jMultiLayer spark, ParameterAveragingTrainingMaster master,
                            JavaRDD<DataSet> sets, String export, int numFeatures, int epochs, int stepsPerEpoch) {
            this.spark = spark;
            this.master = master;
            this.sets = sets;
            this.export = export;
            this.numFeatures = numFeatures;
            this.epochs = epochs;
            this.stepsPerEpoch = stepsPerEpoch;
        }

        @Override
        public void trainEpoch(int epoch) {
            spark.fit(sets);
            steps += stepsPerEpoch;
            epochs = epoch;
        }

        @Override
        public float[] predict(float[] x, int n) {
            return Nd4j.toFlattened('c', spark.getNetwork().output(Nd4j.create(x, new long[] {n, numFeatures}, 'c'),
                    false)).toFloatVector();
        }

        @Override
        public Checkpoint checkpoint() {
            return NetworkFactory.checkpoint(spark.getNetwork(), epochs);
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public void close() {
            master.deleteTempFiles(sc);
            delete(export);
        }
    }

    /** Removes a directory tree on whatever file system its URI names. */
    void delete(String uri) {
        try {
            Path p = new Path(URI.create(uri));
            FileSystem fs = p.getFileSystem(sc.hadoopConfiguration());
            if (fs.exists(p)) {
                fs.delete(p, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        rows.unpersist();
        delete(exportRoot);
    }
}
