package dev.sparksweep.spark;

import dev.sparksweep.common.BadInputException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** Creates the SparkContext of a search with the settings every run needs. */
public final class SparkContexts {
    public static final String EXECUTOR_JVM_TUNING =
            "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Dorg.bytedeco.javacpp.maxBytes=0 -XX:+UseSerialGC "
            + "--add-modules=jdk.incubator.vector";

    /** The masters Spark 3.5 accepts (SparkContext.createTaskScheduler and its cluster managers), by form. */
    static final String MASTER_FORMS = "local, local[N], local[*], spark://HOST:PORT, yarn, k8s://...";
    private static final String HOST_PORT = "([^\\s,:/\\[\\]]+|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}";
    private static final Pattern MASTER = Pattern.compile(String.join("|",
            "local",
            "local\\[(\\*|[1-9][0-9]*)\\]",
            "local\\[(\\*|[1-9][0-9]*)\\s*,\\s*[1-9][0-9]*\\]",
            "local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*\\]",
            "spark://" + HOST_PORT + "(," + HOST_PORT + ")*",
            "yarn",
            "k8s://\\S+",
            "mesos://\\S+"));
    /** How long a standalone master may take to accept a connection before the run is refused. */
    static final int CONNECT_TIMEOUT_MS = 5000;

    private SparkContexts() {
    }

    /**
     * @param masterOverride from --master; wins over everything
     * @param configMaster execution.master; used only when neither --master nor spark-submit set one
     * @throws BadInputException when the master is malformed or unreachable, or Spark cannot start with it (a port
     *     that cannot be bound, ...): one line naming where the master came from, the rule and the value
     */
    public static JavaSparkContext create(String appName, String masterOverride, String configMaster) {
        return create(appName, masterOverride, configMaster, Map.of());
    }

    /** As above, with {@code defaults} set wherever spark-submit or spark-defaults did not set them. */
    public static JavaSparkContext create(String appName, String masterOverride, String configMaster,
                                          Map<String, String> defaults) {
        SparkConf conf = new SparkConf().setAppName(appName);
        Resources.apply(conf, defaults);
        String origin;
        if (masterOverride != null) {
            conf.setMaster(masterOverride);
            origin = "--master";
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(configMaster);
            origin = "execution.master";
        } else {
            origin = "spark.master";
        }
        String master = conf.get("spark.master");
        checkForm(origin, master);
        checkReachable(origin, master);
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", KryoRegistrator.class.getName());
        // one compute thread per task: Spark already runs one task per core
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        // executors in their own JVMs get the settings scripts/sweep gives the driver (README "Performance")
        conf.setIfMissing("spark.executor.extraJavaOptions", EXECUTOR_JVM_TUNING);
        boolean standalone = master.trim().startsWith("spark://");
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (Exception e) {
            if (standalone && stoppedWhileStarting(e)) {
                awaitStopped();
                throw unresponsive(origin, master);   // Spark gave up on the master while it was still starting
            }
            // SparkException, IllegalArgumentException, a BindException (checked, thrown through Scala): all mean
            // Spark cannot start with these settings
            throw new BadInputException(origin + ": Spark must start with this master, but got " + master
                    + " and Spark said: " + reason(e), e);
        }
        if (standalone && (sc.sc().isStopped() || sc.sc().applicationId().startsWith("spark-application-"))) {
            // Something accepted the connection but never registered the application: after its minute of retries
            // Spark gives up, returns a context it is stopping in another thread, and the application id is the
            // placeholder Spark uses when the master never gave one ("app-..." when it did).
            sc.stop();
            awaitStopped();
            throw unresponsive(origin, master);
        }
        return sc;
    }

    /**
     * Whether Spark stopped the context while it was still starting, as it does after a minute without an answer
     * from the master: the constructor then fails on the stopped context, or on one of its pools already shut down
     * (which of the two depends on timing).
     */
    static boolean stoppedWhileStarting(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.util.concurrent.RejectedExecutionException
                    || String.valueOf(c.getMessage()).startsWith("Cannot call methods on a stopped SparkContext")) {
                return true;
            }
        }
        return false;
    }

    /** The master a context made now would use: --master, else spark-submit's, else execution.master. */
    public static String master(String masterOverride, String configMaster) {
        return masterOverride != null ? masterOverride : new SparkConf().get("spark.master", configMaster);
    }

    /** Spark stops a context that lost its master in a thread of its own; its last words come before ours. */
    private static void awaitStopped() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (org.apache.spark.SparkEnv.get() != null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static BadInputException unresponsive(String origin, String master) {
        return new BadInputException(origin + ": Spark must register with this master, but got " + master
                + " and Spark said: all masters are unresponsive");
    }

    /** The form of a master URL, checked before Spark parses it (and answers with a stack trace). */
    static void checkForm(String origin, String master) {
        if (master == null || !MASTER.matcher(master.trim()).matches()) {
            throw new BadInputException(origin + ": must be a Spark master URL (" + MASTER_FORMS + "), but got "
                    + master);
        }
    }

    /**
     * A standalone master must accept a TCP connection within {@link #CONNECT_TIMEOUT_MS}: Spark itself retries
     * its registration for a minute (3 x 20 s, not configurable) before it gives up.
     */
    static void checkReachable(String origin, String master) {
        String m = master.trim();
        if (!m.startsWith("spark://")) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (String hostPort : m.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = hostPort.substring(0, colon);
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
                return;
            } catch (UnknownHostException e) {
                failures.add(hostPort + ": unknown host");
            } catch (IOException | IllegalArgumentException e) {
                failures.add(hostPort + ": " + oneLine(e));
            }
        }
        throw new BadInputException(origin + ": must be a Spark master that accepts connections within "
                + CONNECT_TIMEOUT_MS / 1000 + " s (" + String.join(", ", failures) + "), but got " + master);
    }

    /** The innermost cause's message on one line: what went wrong, without Spark's layers around it. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return oneLine(root);
    }

    private static String oneLine(Throwable t) {
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String first = msg.strip().lines().findFirst().orElse("").strip();
        // "java.net.ConnectException: Connection refused" style prefixes say nothing to a user
        return first.replaceFirst("^([a-z]+\\.)+[A-Za-z]*(Exception|Error):\\s*", "");
    }

    /** The SQL session over a running context (it adopts the context; it never starts a second one). */
    public static SparkSession session(JavaSparkContext sc) {
        return SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    }
}
