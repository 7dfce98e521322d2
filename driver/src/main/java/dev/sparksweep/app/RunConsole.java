package dev.sparksweep.app;

import dev.sparksweep.common.Versions;
import dev.sparksweep.data.PreparedData;
import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.results.RunDirectory;
import dev.sparksweep.results.RunLock;
import dev.sparksweep.results.TestEvaluation;
import dev.sparksweep.worker.TrialStatus;
import java.io.PrintWriter;
import dev.sparksweep.worker.Monitor;
import java.util.Locale;

/** What {@code sweep run} prints before the first trial and after the last. */
final class RunConsole {
    private final PrintWriter out;

    RunConsole(PrintWriter out) {
        this.out = out;
    }

    void header(SearchPlan plan, PreparedData data, RunDirectory dir, int resumed, int toTrain) {
        out.println(plan.headline(Versions.sparksweep()));
        out.println("data " + data.summary());
        plan.noteLines().forEach(out::println);
        if (resumed >= 0) {
            out.printf("resuming %s: %d trials already in the journal, %d to train%n", dir, resumed, toTrain);
        }
    }

    /** How a replayed search stands: what the log held, and what starts again. */
    void replayed(RunDirectory dir, dev.sparksweep.search.Replay.Point from) {
        long continued = from.inFlight().stream().filter(p -> p.request().from() != null).count();
        out.printf("rebuilt the search from %s: %d segments started; %d in flight at the stop, started again (%d "
                + "continuing a paused trial)%s%n", RunDirectory.SEGMENTS, from.nextSeq(),
                from.inFlight().size(), continued, from.arrived().isEmpty() ? ""
                        : "; " + from.arrived().size() + " ended and still to decide on");
    }

    void spark(String sparkVersion, String master, Execution exec, RunDirectory dir, String executorNote) {
        out.printf("spark %s, master %s, %d candidates in flight, engine %s; run directory %s%n", sparkVersion,
                master, exec.parallelism(), exec.engineKey(), dir);
        if (!executorNote.isBlank()) {
            out.println(executorNote);
        }
    }

    void reclaimed(RunDirectory dir, RunLock.Holder stale) {
        out.println("note: " + dir.where(RunDirectory.LOCK) + ": reclaimed a stale lock (" + stale
                + ", which is no longer running)");
    }

    void footer(Leaderboard board, TestEvaluation test, RunDirectory dir, double wall, double cpu) {
        out.println();
        out.println(board.table(10, false).stripTrailing());
        if (board.ranked().size() > 10) {
            out.println("... " + (board.ranked().size() - 10) + " more in " + dir.where(RunDirectory.LEADERBOARD_MD));
        }
        out.printf(Locale.ROOT, "%d complete, %d pruned, %d failed in %.1f s wall, %.1f CPU-s%n",
                board.count(TrialStatus.COMPLETE), board.count(TrialStatus.PRUNED), board.count(TrialStatus.FAILED),
                wall, cpu);
        if (test == null) {
            out.println("no trial completed, so there is no winner to test (exit code 4)");
        } else if (test.regression()) {
            TrialRecord w = board.winner();
            out.printf(Locale.ROOT, "winner %s: val_rmse %.4g, val_r2 %.4f, test RMSE %.4g, test MAE %.4g, test R² %.4f"
                    + " -> %s%n", test.trialId(), w.value(Monitor.VAL_RMSE), w.value(Monitor.VAL_R2), test.rmse(),
                    test.mae(), test.r2(), dir.where(RunDirectory.BEST));
        } else {
            TrialRecord w = board.winner();
            out.printf(Locale.ROOT, "winner %s: %sval_accuracy %.4f, test accuracy %.4f, test macro F1 %.4f%s -> %s%n",
                    test.trialId(), Leaderboard.extraColumn(board.objective()).map(k -> String.format(Locale.ROOT,
                            "%s %.4f, ", k, w.value(board.objective()))).orElse(""), w.valAccuracy(),
                    test.accuracy(), test.macroF1(), test.auc() == null ? ""
                            : String.format(Locale.ROOT, ", test AUC %.4f", test.auc()), dir.where(RunDirectory.BEST));
        }
    }
}
