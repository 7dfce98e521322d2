package dev.sparksweep.worker;

/** A training loss that keeps the scores of the batches DL4J scored with it (the RUNNING training metrics). */
interface ScoreRecording {
    Scores scores();
}
