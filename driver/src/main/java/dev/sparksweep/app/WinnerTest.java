package dev.sparksweep.app;

import dev.sparksweep.data.PreparedData;
import dev.sparksweep.data.Preprocessing;
import dev.sparksweep.results.ModelStore;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.TestEvaluation;
import dev.sparksweep.results.TrialRecord;

/** The test split's one use: the winner, evaluated once, and its files written to best/. */
final class WinnerTest {
    private WinnerTest() {
    }

    /** Null when no trial completed. */
    static TestEvaluation run(TrialRecord winner, ModelStore models, PreparedData data, RunDirectory dir) {
        if (winner == null) {
            return null;
        }
        TestEvaluation test = data.regression()
                ? TestEvaluation.regression(winner.id(), models.load(winner.id()), data.testX(), data.testTarget(),
                        data.training().numFeatures(), data.training().target())
                : TestEvaluation.evaluate(winner.id(), models.load(winner.id()), data.testX(), data.testY(),
                        data.training().numFeatures(), data.dataset().labelNames());
        dir.writeWinner(winner.id(), test, Preprocessing.of(winner.id(), data));
        return test;
    }
}
