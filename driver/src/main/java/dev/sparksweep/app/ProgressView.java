package dev.sparksweep.app;

import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.Monitor;
import dev.sparksweep.worker.TrialStatus;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;

/**
 * What the console shows while a search runs: a live bar on a terminal, one line per finished trial otherwise
 * (CI logs), nothing with --quiet. Called on the driver thread only.
 */
public sealed interface ProgressView extends AutoCloseable permits ProgressView.Lines, ProgressView.Bar,
        ProgressView.Silent {

    /** How progress is shown. */
    enum Mode {
        /** A bar when standard output is a terminal, lines otherwise. */
        AUTO,
        /** No progress at all. */
        QUIET
    }

    static ProgressView of(Mode mode, PrintWriter out, int planned, Monitor objective) {
        if (mode == Mode.QUIET) {
            return new Silent();
        }
        return System.console() != null ? new Bar(planned, objective) : new Lines(out, planned, objective);
    }

    void started();

    void finished(TrialRecord r);

    /** A line the user should see now, such as a checkpoint that could not be read. */
    void note(String line);

    @Override
    void close();

    /** Counts and the best trial so far, shared by the views. */
    final class Tally {
        final int planned;
        final Monitor objective;
        final Comparator<TrialRecord> order;
        int running;
        int done;
        int failed;
        TrialRecord best;

        Tally(int planned, Monitor objective) {
            this.planned = planned;
            this.objective = objective;
            this.order = Leaderboard.order(objective);
        }

        void finished(TrialRecord r) {
            running = Math.max(0, running - 1);
            done++;
            failed += r.status() == TrialStatus.FAILED ? 1 : 0;
            if (r.status() == TrialStatus.COMPLETE && (best == null || order.compare(r, best) < 0)) {
                best = r;
            }
        }

        String best() {
            return best == null ? "" : String.format(Locale.ROOT, "best %s %s %.4f", best.id(), objective.key(),
                    best.value(objective));
        }
    }

    /** One line per finished trial, with the best so far. */
    final class Lines implements ProgressView {
        private final PrintWriter out;
        private final Tally tally;

        Lines(PrintWriter out, int planned, Monitor objective) {
            this.out = out;
            this.tally = new Tally(planned, objective);
        }

        @Override
        public void started() {
            tally.running++;
        }

        @Override
        public void finished(TrialRecord r) {
            tally.finished(r);
            String width = String.valueOf(tally.planned);
            String head = String.format(Locale.ROOT, "[%" + width.length() + "d/%s] %s %-8s", tally.done, width,
                    r.id(), r.status().name().toLowerCase(Locale.ROOT));
            String body = r.status() != TrialStatus.COMPLETE ? r.reason() : r.regression()
                    ? String.format(Locale.ROOT, "val_rmse %.4g  val_r2 %.4f  epochs %3d (best %3d)  %6.1fs",
                    r.value(dev.sparksweep.worker.Monitor.VAL_RMSE), r.value(dev.sparksweep.worker.Monitor.VAL_R2),
                    r.epochsTrained(), r.bestEpoch(), r.seconds())
                    : Leaderboard.extraColumn(tally.objective).map(k -> String.format(Locale.ROOT, "%s %.4f  ", k,
                    r.value(tally.objective))).orElse("") + String.format(Locale.ROOT,
                    "val_acc %.4f  val_loss %.4f  epochs %3d (best %3d)  %6.1fs",
                    r.valAccuracy(), r.valLoss(), r.epochsTrained(), r.bestEpoch(), r.seconds());
            String tail = tally.best == null ? "" : "  | " + tally.best();
            out.println(head + " " + body + tail);
            out.flush();
        }

        @Override
        public void note(String line) {
            out.println("note: " + line);
            out.flush();
        }

        @Override
        public void close() {
        }
    }

    /** A progress bar (me.tongfei:progressbar): done/total, ETA, and running, failed and best as its message. */
    final class Bar implements ProgressView {
        private final Tally tally;
        private final me.tongfei.progressbar.ProgressBar bar;

        Bar(int planned, Monitor objective) {
            this.tally = new Tally(planned, objective);
            this.bar = new me.tongfei.progressbar.ProgressBarBuilder().setTaskName("search").setInitialMax(planned)
                    .setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.out))
                    .build();
            message();
        }

        @Override
        public void started() {
            tally.running++;
            message();
        }

        @Override
        public void finished(TrialRecord r) {
            tally.finished(r);
            bar.stepTo(tally.done);
            message();
        }

        @Override
        public void note(String line) {
            System.out.println("\rnote: " + line);
        }

        private void message() {
            bar.setExtraMessage(String.format(Locale.ROOT, " running %d, failed %d%s", tally.running, tally.failed,
                    tally.best == null ? "" : String.format(Locale.ROOT, ", best %s %.4f", tally.objective.key(),
                            tally.best.value(tally.objective))));
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** --quiet. */
    final class Silent implements ProgressView {
        @Override
        public void started() {
        }

        @Override
        public void finished(TrialRecord r) {
        }

        @Override
        public void note(String line) {
        }

        @Override
        public void close() {
        }
    }
}
