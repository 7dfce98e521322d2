package dev.sparksweep.bench;

import dev.sparksweep.common.ProcessStats;

import dev.sparksweep.data.PreparedData;
import dev.sparksweep.worker.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What a Spark user would pick instead: MLlib's TrainValidationSplit over MultilayerPerceptronClassifier
 * (l-bfgs), on the same scaled rows. TrainValidationSplit draws its own train/validation cut from our training
 * and validation rows together (trainRatio 0.75, so the sizes match ours), refits the best on all of them, and
 * the refit model is scored on our test split.
 */
public final class MllibBaseline {
    public record Result(int candidates, double wallSeconds, double cpuSeconds, double bestValidationAccuracy,
                         String bestLayers, int bestMaxIter, double testAccuracy) {
        public double candidatesPerMinute() {
            return candidates / wallSeconds * 60;
        }
    }

    public static final int[] WIDTHS = {32, 64, 128};
    public static final int[] MAX_ITER = {50, 100};

    private MllibBaseline() {
    }

    public static Result run(PreparedData data, String master, int parallelism, long seed) {
        long cpu0 = ProcessStats.processTreeCpuNanos();
        long wall0 = System.nanoTime();
        SparkSession spark = SparkSession.builder().master(master).appName("sparksweep mllib baseline")
                .config("spark.ui.showConsoleProgress", "false").getOrCreate();
        try {
            TrainingData t = data.training();
            int f = t.numFeatures();
            List<Row> trainVal = new ArrayList<>();
            addRows(trainVal, t.trainX(), t.trainY(), f);
            addRows(trainVal, t.valX(), t.valY(), f);
            List<Row> test = new ArrayList<>();
            addRows(test, data.testX(), data.testY(), f);
            StructType schema = new StructType()
                    .add("label", DataTypes.DoubleType)
                    .add("features", SQLDataTypes.VectorType());
            Dataset<Row> trainValDf = spark.createDataFrame(trainVal, schema).cache();
            Dataset<Row> testDf = spark.createDataFrame(test, schema);

            MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier().setSolver("l-bfgs")
                    .setSeed(seed);
            List<ParamMap> grid = new ArrayList<>();
            for (int depth = 1; depth <= 2; depth++) {
                for (int w : WIDTHS) {
                    int[] layers = depth == 1 ? new int[] {f, w, t.numClasses()} : new int[] {f, w, w, t.numClasses()};
                    for (int iter : MAX_ITER) {
                        grid.add(new ParamMap().put(mlp.layers().w(layers)).put(mlp.maxIter().w(iter)));
                    }
                }
            }
            MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator()
                    .setMetricName("accuracy");
            TrainValidationSplit tvs = new TrainValidationSplit().setEstimator(mlp).setEvaluator(accuracy)
                    .setEstimatorParamMaps(grid.toArray(new ParamMap[0])).setTrainRatio(0.75).setSeed(seed)
                    .setParallelism(parallelism);
            TrainValidationSplitModel model = tvs.fit(trainValDf);
            double[] metrics = model.validationMetrics();
            int best = 0;
            for (int i = 1; i < metrics.length; i++) {
                if (metrics[i] > metrics[best]) {
                    best = i;
                }
            }
            double testAccuracy = accuracy.evaluate(model.transform(testDf));
            ParamMap bestMap = grid.get(best);
            return new Result(grid.size(), (System.nanoTime() - wall0) / 1e9,
                    (ProcessStats.processTreeCpuNanos() - cpu0) / 1e9, metrics[best],
                    Arrays.toString(bestMap.apply(mlp.layers())), (Integer) bestMap.apply(mlp.maxIter()),
                    testAccuracy);
        } finally {
            spark.stop();
        }
    }

    private static void addRows(List<Row> out, float[] x, int[] y, int f) {
        for (int r = 0; r < y.length; r++) {
            double[] v = new double[f];
            for (int j = 0; j < f; j++) {
                v[j] = x[r * f + j];
            }
            out.add(RowFactory.create((double) y[r], Vectors.dense(v)));
        }
    }
}
