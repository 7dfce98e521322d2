package dev.sparksweep.config;

import dev.sparksweep.worker.Engine;

/**
 * @param master the Spark master when neither spark-submit nor --master gives one
 * @param parallelism candidates in flight; 0 means auto (the executors' total cores)
 */
public record ExecutionConfig(String master, int parallelism, Backend backend, Engine engine) {

    public enum Backend {
        CPU, GPU
    }
}
