package dev.sparksweep.config;

/** @param keepModels how many of the best trials keep a model file under models/ */
public record OutputConfig(String dir, int keepModels) {
}
