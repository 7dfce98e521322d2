package dev.sparksweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparksweep.common.BadInputException;
import java.net.BindException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The master URL forms Spark accepts, checked before Spark parses them; no Spark is started. */
class MasterFormTest {
    @ParameterizedTest
    @ValueSource(strings = {"local", "local[1]", "local[16]", "local[*]", "local[2,3]", "local[*, 4]",
        "local-cluster[2,1,2048]", "spark://host:7077", "spark://a.example.com:7077,b.example.com:7078",
        "spark://10.0.0.1:7077", "spark://[::1]:7077", "yarn", "k8s://https://kube:443", "mesos://zk://h:2181"})
    void sparksFormsPass(String master) {
        SparkContexts.checkForm("--master", master);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spark//host:7077", "spark://host", "spark://host:port", "local[0]", "local[]",
        "local[x]", "lokal", "", "yarn-client", "k8s://", "spark://host:7077,"})
    void othersAreRefusedWithTheirOrigin(String master) {
        BadInputException e = assertThrows(BadInputException.class, () -> SparkContexts.checkForm("execution.master",
                master));
        assertEquals("execution.master: must be a Spark master URL (local, local[N], local[*], spark://HOST:PORT, "
                + "yarn, k8s://...), but got " + master, e.getMessage());
    }

    @Test
    void theReasonIsTheInnermostCausesFirstLine() {
        Exception e = new RuntimeException("outer", new IllegalStateException("middle",
                new BindException("Address already in use: Service 'sparkDriver' failed\nsecond line")));
        assertEquals("Address already in use: Service 'sparkDriver' failed", SparkContexts.reason(e));
        assertEquals("NullPointerException", SparkContexts.reason(new NullPointerException()));
        assertEquals("Connection refused", SparkContexts.reason(new RuntimeException(
                "java.net.ConnectException: Connection refused")));
    }

    @org.junit.jupiter.api.Test
    void aContextSparkStoppedWhileItStartedIsToldApartFromOtherFailures() {
        org.junit.jupiter.api.Assertions.assertTrue(SparkContexts.stoppedWhileStarting(new IllegalStateException(
                "Cannot call methods on a stopped SparkContext.\nThis stopped SparkContext was created at:")));
        org.junit.jupiter.api.Assertions.assertTrue(SparkContexts.stoppedWhileStarting(new RuntimeException("x",
                new java.util.concurrent.RejectedExecutionException("Task ContextCleaner rejected from "
                        + "ScheduledThreadPoolExecutor[Terminated]"))));
        org.junit.jupiter.api.Assertions.assertFalse(SparkContexts.stoppedWhileStarting(
                new java.net.BindException("Address already in use")));
    }
}
