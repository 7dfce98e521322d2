package dev.sparksweep.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code run.json}: where a finished run came from and what it cost (as Tribuo's provenance does): versions,
 * seeds, hashes of config and data, times and counts. Written once, at the end of a run.
 *
 * @param trainMetrics how the history's training loss and accuracy were measured: running or exact (null in runs
 *     from before this was recorded, which measured them exactly)
 * @param winner the winner's trial id, null when no trial completed
 * @param winnerTestAccuracy the winner's test accuracy, null when no trial completed
 * @param backend cpu or gpu (null in runs from before it was recorded, which ran on the CPU)
 * @param devices with backend gpu, each executor's GPUs that trials were given; absent on the CPU
 */
public record RunProvenance(
        String name,
        String sparksweepVersion,
        String javaVersion,
        String sparkVersion,
        String dl4jVersion,
        String nd4jBackend,
        String master,
        String appId,
        int parallelism,
        String engine,
        String mode,
        String trainMetrics,
        long searchSeed,
        long splitSeed,
        String configFile,
        String configSha256,
        String dataSource,
        String dataSha256,
        int dataRows,
        long dataRowsDropped,
        List<String> labelNames,
        String startedAt,
        String finishedAt,
        double wallSeconds,
        double cpuSeconds,
        long trialsComplete,
        long trialsFailed,
        long trialsPruned,
        long epochsTrained,
        String winner,
        Double winnerTestAccuracy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String backend,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ExecutorDevice> devices) {

    /**
     * A GPU one executor gave to trials.
     *
     * @param address Spark's address for it; index is the CUDA device the tasks bound (-1 when none could)
     * @param trials the trials that were given it
     */
    public record ExecutorDevice(String executor, String host, String address, String visible, int index,
                                 String name, String computeCapability, long memoryMib, int trials) {
    }
}
