package dev.sparksweep.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.sparksweep.data.CategoryProfile;
import dev.sparksweep.data.Chunk;
import dev.sparksweep.data.PartitionScan;
import dev.sparksweep.data.RowProblem;
import dev.sparksweep.worker.Activation;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.Checkpoint;
import dev.sparksweep.worker.EarlyStopping;
import dev.sparksweep.worker.Engine;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.Optimizer;
import dev.sparksweep.worker.TrainingData;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialState;
import dev.sparksweep.worker.TrialStatus;
import dev.sparksweep.worker.TrialTimings;

/**
 * Every class of ours that crosses the wire, registered with Kryo (tests run with
 * {@code spark.kryo.registrationRequired=true}, so a missing one fails a test rather than a user's run).
 * Records go through Java serialization inside Kryo: Kryo 4 sets fields through Unsafe, which Java 17 refuses for
 * record fields.
 */
public final class KryoRegistrator implements org.apache.spark.serializer.KryoRegistrator {
    static final Class<?>[] RECORDS = {
        TrialRequest.class, TrialState.class, Checkpoint.class, Candidate.class, EarlyStopping.class,
        EpochMetrics.class, TrainingData.class, TrialResult.class, TrialResult.Verdict.class,
        TrialResult.Training.class, TrialResult.Placement.class, TrialTimings.class,
        SparkTrialExecutor.Shipped.class, PartitionScan.class, Chunk.class, RowProblem.class, DataParallelEngine.Rows.class,
        CategoryProfile.class,
    };

    static final String[] SCHEMA_CLASSES = {
        "org.apache.spark.sql.types.StructType", "[Lorg.apache.spark.sql.types.StructType;",
        "org.apache.spark.sql.types.StructField", "[Lorg.apache.spark.sql.types.StructField;",
        "org.apache.spark.sql.types.Metadata", "org.apache.spark.sql.types.ArrayType",
        "org.apache.spark.sql.types.MapType", "org.apache.spark.sql.types.DecimalType",
        "org.apache.spark.sql.types.ByteType$", "org.apache.spark.sql.types.ShortType$",
        "org.apache.spark.sql.types.IntegerType$", "org.apache.spark.sql.types.LongType$",
        "org.apache.spark.sql.types.FloatType$", "org.apache.spark.sql.types.DoubleType$",
        "org.apache.spark.sql.types.BooleanType$", "org.apache.spark.sql.types.StringType$",
        "org.apache.spark.sql.types.BinaryType$", "org.apache.spark.sql.types.DateType$",
        "org.apache.spark.sql.types.TimestampType$", "org.apache.spark.sql.types.TimestampNTZType$",
        "org.apache.spark.sql.types.NullType$", "org.apache.spark.ml.linalg.VectorUDT",
        "org.apache.spark.mllib.linalg.VectorUDT",
    };

    /** What dl4j-spark's parameter averaging ships (broadcast network, worker results, aggregates, data). */
    static final String[] DL4J_SPARK_CLASSES = {
        "org.deeplearning4j.spark.api.worker.NetBroadcastTuple",
        "org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult",
        "org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple",
        "org.nd4j.linalg.dataset.DataSet",
        "org.datavec.spark.util.SerializableHadoopConfig",
    };

    @Override
    public void registerClasses(Kryo kryo) {
        // ND4J's arrays, then dl4j-spark's own wire classes (Java serialization inside Kryo, like our records)
        new org.nd4j.kryo.Nd4jRegistrator().registerClasses(kryo);
        for (String name : DL4J_SPARK_CLASSES) {
            try {
                kryo.register(Class.forName(name), new JavaSerializer());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        for (Class<?> c : RECORDS) {
            kryo.register(c, new JavaSerializer());
        }
        for (Class<?> c : new Class<?>[] {Activation.class, Optimizer.class, Monitor.class, Engine.class,
            TrialStatus.class}) {
            kryo.register(c);
        }
        kryo.register(TrialRequest[].class);
        kryo.register(SparkTrialExecutor.Shipped[].class);
        kryo.register(PartitionScan[].class);
        kryo.register(Chunk[].class);
        kryo.register(CategoryProfile[].class);
        // Spark reads Parquet footers in a job whose results (schemas) come back through Kryo
        for (String name : SCHEMA_CLASSES) {
            try {
                kryo.register(Class.forName(name));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        kryo.register(float[].class);
        kryo.register(int[].class);
        kryo.register(byte[].class);
    }
}
