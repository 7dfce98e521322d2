package dev.sparksweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialStatus;
import dev.sparksweep.worker.TrialTimings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderboardTest {
    @TempDir
    Path dir;

    static TrialRecord rec(String id, TrialStatus s, double acc, double loss, int epochs) {
        return new TrialRecord(id, s, s == TrialStatus.FAILED ? "boom" : "", Map.of("width", id.length()), 42, epochs,
                s == TrialStatus.COMPLETE ? epochs : 0, epochs * 10L, "jvm", acc, loss, acc, loss, 1.5,
                List.of(new EpochMetrics(1, loss, acc, loss, acc)), TrialTimings.NONE, "0", 0, "host",
                "2026-01-01T00:00:00Z", List.of(), null, null, null, null, null);
    }

    @Test
    void ranksByObjectiveThenTheOtherMetricThenEpochsThenId() {
        List<TrialRecord> in = List.of(
                rec("f", TrialStatus.FAILED, Double.NaN, Double.NaN, 0),
                rec("b", TrialStatus.COMPLETE, 0.95, 0.20, 10),
                rec("a", TrialStatus.COMPLETE, 0.95, 0.20, 10),
                rec("c", TrialStatus.COMPLETE, 0.95, 0.10, 12),
                rec("d", TrialStatus.COMPLETE, 0.97, 0.30, 30),
                rec("e", TrialStatus.COMPLETE, 0.95, 0.20, 8));
        Leaderboard byAcc = Leaderboard.of(in, Monitor.VAL_ACCURACY);
        assertEquals(List.of("d", "c", "e", "a", "b", "f"), byAcc.ranked().stream().map(TrialRecord::id).toList());
        assertEquals("d", byAcc.winner().id());
        Leaderboard byLoss = Leaderboard.of(in, Monitor.VAL_LOSS);
        assertEquals(List.of("c", "e", "a", "b", "d", "f"), byLoss.ranked().stream().map(TrialRecord::id).toList());
    }

    @Test
    void noWinnerWhenNothingCompleted() {
        assertNull(Leaderboard.of(List.of(rec("f", TrialStatus.FAILED, Double.NaN, Double.NaN, 0)),
                Monitor.VAL_ACCURACY).winner());
    }

    @Test
    void theJournalRoundTripsAndToleratesATornLastLine() throws Exception {
        TrialRecord a = rec("a", TrialStatus.COMPLETE, 0.9, 0.3, 4);
        TrialRecord f = rec("f", TrialStatus.FAILED, Double.NaN, Double.NaN, 0);
        try (ResultStore store = new RunDirectory(dir).openJournal()) {
            store.append(a);
            store.append(f);
        }
        Files.writeString(dir.resolve(RunDirectory.JOURNAL), "{\"id\":\"torn\",\"sta", StandardOpenOption.APPEND);
        List<TrialRecord> back = new RunDirectory(dir).trials();
        assertEquals(2, back.size());
        assertEquals(a, back.get(0));
        assertEquals("boom", back.get(1).reason());
        assertEquals(Double.NaN, back.get(1).valAccuracy());
    }

    @Test
    void csvHasAHeaderAndOneRowPerTrialInRankOrder() throws Exception {
        Leaderboard b = Leaderboard.of(List.of(rec("a", TrialStatus.COMPLETE, 0.9, 0.3, 4),
                rec("bb", TrialStatus.COMPLETE, 0.95, 0.3, 4)), Monitor.VAL_ACCURACY);
        List<String> lines = b.csv().lines().toList();
        assertEquals("rank,id,status,width,engine,epochs_trained,best_epoch,val_accuracy,val_loss,train_accuracy,"
                + "seconds,rungs,reason", lines.get(0));
        assertEquals("1,bb,COMPLETE,2,jvm,4,4,0.9500,0.3000,0.9500,1.50,,", lines.get(1));
        assertEquals(3, lines.size());
    }
}
