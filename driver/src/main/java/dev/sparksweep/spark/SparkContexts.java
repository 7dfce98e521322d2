package dev.sparksweep.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** Creates the SparkContext of a search with the settings every run needs. */
public final class SparkContexts {
    public static final String EXECUTOR_JVM_TUNING =
            "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Dorg.bytedeco.javacpp.maxBytes=0 -XX:+UseSerialGC";

    private SparkContexts() {
    }

    /**
     * @param masterOverride from --master; wins over everything
     * @param configMaster execution.master; used only when neither --master nor spark-submit set one
     */
    public static JavaSparkContext create(String appName, String masterOverride, String configMaster) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (masterOverride != null) {
            conf.setMaster(masterOverride);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(configMaster);
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", KryoRegistrator.class.getName());
        // one compute thread per task: Spark already runs one task per core
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        // executors in their own JVMs get the settings scripts/sweep gives the driver (README "Performance")
        conf.setIfMissing("spark.executor.extraJavaOptions", EXECUTOR_JVM_TUNING);
        return new JavaSparkContext(conf);
    }

    /** The SQL session over a running context (it adopts the context; it never starts a second one). */
    public static SparkSession session(JavaSparkContext sc) {
        return SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    }
}
