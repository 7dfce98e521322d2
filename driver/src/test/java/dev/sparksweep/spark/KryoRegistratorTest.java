package dev.sparksweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparksweep.space.Candidates;
import dev.sparksweep.worker.Activation;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.Checkpoint;
import dev.sparksweep.worker.EarlyStopping;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.Optimizer;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialState;
import dev.sparksweep.worker.TrialStatus;
import dev.sparksweep.worker.TrialTimings;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** What crosses the wire survives Spark's Kryo with registration required. */
class KryoRegistratorTest {
    static SerializerInstance kryo() {
        SparkConf conf = new SparkConf(false)
                .set("spark.kryo.registrator", KryoRegistrator.class.getName())
                .set("spark.kryo.registrationRequired", "true");
        return new KryoSerializer(conf).newInstance();
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(SerializerInstance k, T value) {
        ByteBuffer bytes = k.serialize(value, ClassTag$.MODULE$.apply(value.getClass()));
        return (T) k.deserialize(bytes, ClassTag$.MODULE$.apply(value.getClass()));
    }

    @Test
    void aContinuationRequestAndAShippedResultRoundTrip() {
        SerializerInstance k = kryo();
        Candidate c = Candidates.of(Map.of("hidden_layers", 2, "width_1", 64, "width_2", 16,
                "activation", Activation.ELU, "epochs", 9, "optimizer", Optimizer.ADAMAX, "dropout", 0.1, "l2", 1e-4,
                "early_stopping", new EarlyStopping(Monitor.VAL_LOSS, 3, 0.0)), 42);
        TrialState state = new TrialState(new Checkpoint(new float[] {1, 2}, new float[] {3, 4, 5, 6}, 2, 20),
                List.of(new EpochMetrics(1, 1, 0.5, 1.1, 0.4), new EpochMetrics(2, 0.8, 0.6, 0.9, 0.5)), 0.9, 2,
                new float[] {1, 2}, 0, 20);
        TrialRequest back = roundTrip(k, new TrialRequest(c, state, 6));
        assertEquals(c, back.candidate());
        assertEquals(6, back.untilEpoch());
        assertEquals(state.history(), back.from().history());
        assertArrayEquals(state.checkpoint().updaterState(), back.from().checkpoint().updaterState());

        SparkTrialExecutor.Shipped shipped = new SparkTrialExecutor.Shipped(new byte[] {7, 8, 9}, 1.5);
        SparkTrialExecutor.Shipped again = roundTrip(k, shipped);
        assertArrayEquals(shipped.result(), again.result());
        assertEquals(1.5, again.serializeMillis());
    }

    @Test
    void aTrialResultAndItsPartsRoundTrip() {
        SerializerInstance k = kryo();
        Candidate c = Candidates.of(Map.of("width", 8, "batch_size", 16, "epochs", 2), 1);
        TrialResult r = new TrialResult(c, new TrialResult.Verdict(TrialStatus.PRUNED, "not in the top 1/3",
                List.of(1)), new TrialResult.Training("jvm", List.of(new EpochMetrics(1, 1, 0.5, 1.1, 0.4)), 1, 7,
                new byte[] {1, 2, 3, 4}), new TrialResult.Placement("h", "3", 1), TrialTimings.worker(1, 2, 3, 6),
                null);
        TrialResult back = roundTrip(k, r);
        assertEquals(r.verdict(), back.verdict());
        assertEquals(r.history(), back.history());
        assertArrayEquals(r.bestParams(), back.bestParams());
        assertEquals(r.placement(), back.placement());
        assertEquals(r.timings(), back.timings());
        assertEquals(r.training().steps(), roundTrip(k, r.training()).steps());
        assertEquals(r.verdict(), roundTrip(k, r.verdict()));
        assertEquals(r.placement(), roundTrip(k, r.placement()));
    }
}
