package dev.sparksweep.report;

import dev.sparksweep.results.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** leaderboard.md: the report's summary in Markdown, for terminals and pull requests, then the whole ranking. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(Facts f) {
        RunSummary run = f.run();
        StringBuilder m = new StringBuilder("# Leaderboard: ").append(run.name()).append("\n\n");
        m.append("## Summary\n\n");
        table(m, f.summary());
        if (!f.history().points().isEmpty()) {
            m.append("\n## Search progress\n\n- ").append(f.historyNote()).append('\n');
            if (!f.rungs().rungs().isEmpty()) {
                m.append("- ").append(f.rungsNote()).append('\n');
            }
            if (!f.timeline().bars().isEmpty()) {
                m.append("- Executors: ").append(f.timelineNote()).append(".\n");
            }
        }
        if (!f.importanceRows().isEmpty()) {
            m.append("\n## Importance\n\n").append(f.importanceNote()).append("\n\n")
                    .append("| hyperparameter | fANOVA share | ± sd | marginal spread |\n| --- | ---: | ---: | ---: |\n");
            for (Object[] r : f.importanceRows()) {
                m.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", r[0], r[1], r[2], r[3]));
            }
        }
        if (!f.effects().effects().isEmpty()) {
            m.append("\n## Parameter effects\n\nSpread of the mean ").append(run.objective().key())
                    .append(" between a hyperparameter's best and worst value (larger mattered more):\n\n")
                    .append("| hyperparameter | spread | mean by value |\n| --- | ---: | --- |\n");
            for (ParameterEffects.Effect e : f.effects().effects()) {
                List<String> groups = new ArrayList<>();
                e.groups().forEach((k, v) -> groups.add(k + ": " + String.format(Locale.ROOT, "%.4f", v)));
                m.append("| ").append(e.key()).append(" | ").append(String.format(Locale.ROOT, "%.4f", e.spread()))
                        .append(" | ").append(cell(String.join(", ", groups))).append(" |\n");
            }
        }
        if (!f.curveNotes().isEmpty()) {
            m.append("\n## Learning curves of the top trials\n\n").append(f.trainValues()).append("\n\n");
            f.curveNotes().forEach(n -> m.append("- ").append(n).append('\n'));
        }
        if (run.test() != null && run.test().regression()) {
            m.append("\n## Winner's test evaluation\n\n").append(run.test().trialId()).append(": ")
                    .append(Facts.testLine(run.test())).append(" (RMSE and MAE in the target's units).\n");
        } else if (run.test() != null) {
            m.append("\n## Winner's test evaluation\n\n| class | precision | recall | F1 | support |\n")
                    .append("| --- | ---: | ---: | ---: | ---: |\n");
            run.test().perClass().forEach(c -> m.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %d |%n",
                    cell(c.label()), c.precision(), c.recall(), c.f1(), c.support())));
        }
        if (!f.failed().isEmpty()) {
            m.append("\n## Failed trials\n\n| id | reason |\n| --- | --- |\n");
            for (TrialRecord r : f.failed()) {
                m.append("| ").append(r.id()).append(" | ").append(cell(r.reason())).append(" |\n");
            }
        }
        m.append("\n## Provenance\n\n");
        table(m, f.provenance());
        m.append("\n## Ranking\n\n").append(run.leaderboard().markdown());
        return m.toString();
    }

    private static void table(StringBuilder m, Map<String, String> kv) {
        m.append("| | |\n| --- | --- |\n");
        kv.forEach((k, v) -> m.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
