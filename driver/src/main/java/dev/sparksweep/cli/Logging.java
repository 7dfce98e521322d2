package dev.sparksweep.cli;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Spark's logging: warnings and errors by default, INFO with --verbose. Set in code as well as in
 * log4j2.properties because under spark-submit Spark's own configuration (INFO) is the one loaded.
 *
 * <p>The loggers in {@link #QUIET} are off unless --verbose: they report, with stack traces, what SparkSweep
 * turns into its own one-line message anyway (a corrupt file an executor task failed on, CSV files whose headers
 * differ, a master Spark could not start with or reach, a port it could not bind). There is no log file: with
 * --verbose they go to stderr like the rest of Spark's logging.
 */
final class Logging {
    static final List<String> QUIET = List.of(
            "org.apache.spark.SparkContext",                          // "Error initializing SparkContext." + trace
            "org.apache.spark.util.Utils",                            // "Service 'sparkDriver' could not bind ..."
            "org.apache.spark.executor.Executor",                     // "Exception in task 0.0 ..." + trace
            "org.apache.spark.scheduler.TaskSetManager",              // "Lost task ...", "Task 0 ... aborting job"
            "org.apache.spark.scheduler.TaskSchedulerImpl",
            "org.apache.spark.scheduler.DAGScheduler",
            "org.apache.spark.sql.catalyst.csv.CSVHeaderChecker",     // "CSV header does not conform ..."
            "org.apache.spark.sql.execution.datasources",             // FileScanRDD, parquet footer readers
            "org.apache.spark.sql.execution.datasources.parquet",
            "org.apache.parquet",
            "org.apache.spark.deploy.client",                         // "Failed to connect to master ..."
            "org.apache.spark.scheduler.cluster.StandaloneSchedulerBackend",
            "org.apache.spark.storage.BlockManagerMasterEndpoint",
            "org.apache.spark.scheduler.AsyncEventQueue",             // listeners of a context stopped half-started
            "org.apache.spark.network.client.TransportResponseHandler"); // "requests outstanding" to a lost master

    private Logging() {
    }

    static void level(boolean verbose) {
        Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
        for (String logger : QUIET) {
            Configurator.setLevel(logger, verbose ? Level.INFO : Level.OFF);
        }
    }
}
