package dev.sparksweep.worker;

/**
 * What trains a candidate: one engine for every candidate (a {@link TrainingEngine}), or a rule that picks one
 * per candidate ({@link Engine}, whose AUTO looks at the candidate's size).
 */
public interface EngineChoice {
    TrainingEngine engineFor(Candidate c, TrainingData data);
}
