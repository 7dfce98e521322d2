package dev.sparksweep.report;

import dev.sparksweep.results.TestEvaluation;
import dev.sparksweep.results.Leaderboard;
import dev.sparksweep.results.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained file (inline CSS, SVG charts and a few lines of script for sorting), readable
 * from disk in any browser without a network.
 */
final class HtmlReport {
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1200px;\
            padding:0 16px;color:#222}
            h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
            table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 8px;white-space:nowrap;border-bottom:1px solid #eee;\
            text-align:left;vertical-align:top}
            th{background:#f5f5f5}table.sortable th{cursor:pointer;user-select:none}
            table.sortable th[data-dir=asc]::after{content:" \\25B2"}table.sortable th[data-dir=desc]::after{content:" \\25BC"}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.failed td{color:#a33}tr.pruned td{color:#777}
            .charts{display:flex;flex-wrap:wrap;gap:12px}.scroll{overflow-x:auto}
            table.collapsed tr.more{display:none}td.reason{white-space:normal;max-width:220px}td.wrap{white-space:normal}#summary-table td,#provenance-table td{white-space:normal}
            #leaderboard-table{font-size:12.5px}#leaderboard-table th{white-space:normal}#leaderboard-table td,#leaderboard-table th{padding:3px 4px}
            svg{max-width:100%;height:auto}
            nav a{margin-right:12px}.note{color:#555}.live{background:#fff6d5;border:1px solid #e6c200;padding:6px 10px}
            """;
    private static final String SORT = """
            document.querySelectorAll('table.sortable').forEach(function (table) {
              table.querySelectorAll('th').forEach(function (th, col) {
                th.addEventListener('click', function () {
                  var asc = th.dataset.dir !== 'asc';
                  table.querySelectorAll('th').forEach(function (h) { delete h.dataset.dir; });
                  th.dataset.dir = asc ? 'asc' : 'desc';
                  var num = th.classList.contains('num');
                  var key = function (row) {
                    var t = row.cells[col].textContent.trim();
                    return t === '' ? null : num ? parseFloat(t) : t;
                  };
                  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
                  rows.sort(function (a, b) {
                    var x = key(a), y = key(b);
                    if (x === null || y === null) { return x === y ? 0 : x === null ? 1 : -1; }
                    return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
                  });
                  rows.forEach(function (r, i) {
                    table.tBodies[0].appendChild(r);
                    if (table.id === 'leaderboard-table') { r.classList.toggle('more', i >= SHOWN); }
                  });
                });
              });
            });
            var showAll = document.getElementById('show-all');
            if (showAll) {
              showAll.addEventListener('click', function () {
                var table = document.getElementById('leaderboard-table');
                var collapsed = table.classList.toggle('collapsed');
                showAll.textContent = collapsed ? showAll.dataset.label : 'Show the top ' + SHOWN;
              });
              showAll.dataset.label = showAll.textContent;
            }
            """;

    /** How often a live report reloads itself, and the least time between its rewrites. */
    static final int LIVE_SECONDS = 10;

    /** Leaderboard rows shown before "show all". */
    static final int SHOWN = 20;

    private HtmlReport() {
    }

    static String render(Facts f) {
        RunSummary run = f.run();
        StringBuilder h = new StringBuilder(256 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>SparkSweep report: ")
                .append(esc(run.name())).append("</title>\n")
                .append(f.live() == null ? "" : "<meta http-equiv=\"refresh\" content=\"" + LIVE_SECONDS + "\">\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>SparkSweep report: ").append(esc(run.name())).append("</h1>\n");
        if (f.live() != null) {
            h.append("<p id=\"live\" class=\"live\">").append(esc(f.liveLine())).append(": this page is rewritten "
                    + "as trials finish and reloads itself every ").append(LIVE_SECONDS).append(" s.</p>\n");
        }
        h.append("<nav>");
        List<String[]> links = new ArrayList<>(List.of(new String[] {"summary", "Summary"},
                new String[] {"history", "History"}, new String[] {"parallel", "Parallel coordinates"},
                new String[] {"importance", "Importance"},
                new String[] {"effects", "Parameter effects"}, new String[] {"curves", "Learning curves"}));
        if (!f.rungs().rungs().isEmpty()) {
            links.add(new String[] {"rungs", "Rungs"});
        }
        links.addAll(List.of(new String[] {"timeline", "Timeline"}, new String[] {"leaderboard", "Leaderboard"},
                new String[] {"test", "Test evaluation"}, new String[] {"failed", "Failed trials"},
                new String[] {"provenance", "Provenance"}));
        links.forEach(l -> h.append("<a href=\"#").append(l[0]).append("\">").append(l[1]).append("</a>"));
        h.append("</nav>\n\n");

        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n");
        keyValues(h, "summary-table", f.summary());
        h.append("</section>\n");

        history(h, f);
        parallel(h, f);
        importance(h, f);

        h.append("<section id=\"effects\">\n<h2>Parameter effects</h2>\n");
        if (f.effects().effects().isEmpty()) {
            h.append("<p class=\"note\">No hyperparameter varied between trials.</p>\n");
        } else {
            h.append("<p class=\"note\">").append(esc(run.objective().key())).append(" of every completed trial against "
                    + "each hyperparameter that varied. Spread: the difference between the mean objective of the best "
                    + "and the worst value (continuous values in quartiles); larger means the choice mattered more. A "
                    + "marginal view: it does not separate interactions.</p>\n");
            h.append("<table id=\"effects-table\" class=\"sortable\"><thead><tr><th>hyperparameter</th>"
                    + "<th class=\"num\">spread</th><th>mean ").append(esc(run.objective().key()))
                    .append(" by value</th></tr></thead><tbody>\n");
            for (ParameterEffects.Effect e : f.effects().effects()) {
                List<String> groups = new ArrayList<>();
                e.groups().forEach((k, v) -> groups.add(k + ": " + String.format(Locale.ROOT, "%.4f", v)));
                h.append("<tr data-key=\"").append(esc(e.key())).append("\"><td>").append(esc(e.key()))
                        .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.4f", e.spread()))
                        .append("</td><td class=\"wrap groups\">").append(esc(String.join(", ", groups))).append("</td></tr>\n");
            }
            h.append("</tbody></table>\n<div class=\"charts\">\n");
            for (ParameterEffects.Effect e : f.effects().effects()) {
                h.append(Charts.parameterEffect("effect-" + e.key().replaceAll("[^A-Za-z0-9_-]", "_"), e,
                        run.objective().key())).append('\n');
            }
            h.append("</div>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"curves\">\n<h2>Learning curves</h2>\n");
        if (f.top().isEmpty()) {
            h.append("<p class=\"note\">No trial completed, so there are no curves to compare.</p>\n");
        } else {
            List<TrialRecord> ranked = run.leaderboard().ranked().stream().filter(r -> !r.history().isEmpty()).toList();
            boolean regression = run.leaderboard().regression();
            h.append("<div class=\"charts\">\n").append(Charts.learningCurves("curves-loss", ranked, f.top().size(),
                            regression ? Charts.Curve.REGRESSION_LOSS : Charts.Curve.LOSS))
                    .append('\n').append(regression
                            ? Charts.learningCurves("curves-rmse", ranked, f.top().size(), Charts.Curve.RMSE)
                            : Charts.learningCurves("curves-accuracy", ranked, f.top().size(), Charts.Curve.ACCURACY))
                    .append("\n</div>\n<p class=\"note\" id=\"train-values\">").append(esc(f.trainValues()))
                    .append("</p>\n<ul class=\"note\">\n");
            f.curveNotes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</section>\n");

        rungs(h, f);
        timeline(h, f);
        leaderboard(h, f);

        test(h, run.test());

        h.append("<section id=\"failed\">\n<h2>Failed trials</h2>\n");
        if (f.failed().isEmpty()) {
            h.append("<p class=\"note\">None.</p>\n");
        } else {
            h.append("<table id=\"failed-table\"><thead><tr><th>id</th><th>reason</th><th>epochs</th></tr></thead><tbody>\n");
            for (TrialRecord r : f.failed()) {
                h.append("<tr data-id=\"").append(r.id()).append("\"><td>").append(r.id()).append("</td><td class=\"reason\">")
                        .append(esc(r.reason())).append("</td><td class=\"num\">").append(r.epochsTrained())
                        .append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"provenance\">\n<h2>Provenance</h2>\n");
        keyValues(h, "provenance-table", f.provenance());
        h.append("</section>\n<script>\nvar SHOWN = " + SHOWN + ";\n").append(SORT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void history(StringBuilder h, Facts f) {
        OptimisationHistory hist = f.history();
        h.append("<section id=\"history\">\n<h2>Optimisation history</h2>\n");
        if (hist.points().isEmpty()) {
            h.append("<p class=\"note\">No trial has finished yet.</p>\n</section>\n");
            return;
        }
        String key = f.run().objective().key();
        h.append("<p class=\"note\" id=\"history-note\">").append(esc(f.historyNote())).append("</p>\n")
                .append(Charts.history("history-chart", hist, key)).append('\n')
                .append("<details><summary>The numbers</summary>\n<table id=\"history-table\"><thead><tr>")
                .append("<th class=\"num\">trial</th><th>id</th><th>status</th><th>proposed by</th><th class=\"num\">")
                .append(esc(key)).append("</th><th class=\"num\">best so far</th></tr></thead><tbody>\n");
        for (int i = 0; i < hist.points().size(); i++) {
            OptimisationHistory.Point p = hist.points().get(i);
            h.append("<tr data-id=\"").append(p.id()).append("\"><td class=\"num\">").append(p.order())
                    .append("</td><td>").append(p.id()).append("</td><td>")
                    .append(p.status().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                    .append(p.proposedBy() == null ? "" : esc(p.proposedBy())).append("</td>")
                    .append(num("value", p.value())).append(num("best", hist.bestSoFar().get(i))).append("</tr>\n");
        }
        h.append("</tbody></table></details>\n</section>\n");
    }

    private static void parallel(StringBuilder h, Facts f) {
        h.append("<section id=\"parallel\">\n<h2>Parallel coordinates</h2>\n");
        long done = f.run().count(dev.sparksweep.worker.TrialStatus.COMPLETE);
        if (done == 0 || f.run().leaderboard().varyingKeys().isEmpty()) {
            h.append("<p class=\"note\">").append(done == 0 ? "No trial completed." : "No hyperparameter varied.")
                    .append("</p>\n</section>\n");
            return;
        }
        h.append("<p class=\"note\">Each line is a completed trial, through its value of every hyperparameter that "
                + "varied and its ").append(esc(f.run().objective().key())).append(" (last axis). Lines that meet at "
                + "the right in yellow share the settings that did best; hover a line for its id.</p>\n")
                .append("<div class=\"charts\">").append(ParallelCoordinates.svg("parallel-chart", f.run()))
                .append("</div>\n</section>\n");
    }

    private static void importance(StringBuilder h, Facts f) {
        h.append("<section id=\"importance\">\n<h2>Importance</h2>\n<p class=\"note\" id=\"importance-note\">")
                .append(esc(f.importanceNote())).append("</p>\n");
        List<Object[]> rows = f.importanceRows();
        if (!rows.isEmpty()) {
            h.append("<table id=\"importance-table\"><thead><tr><th>hyperparameter</th><th class=\"num\">fANOVA share"
                    + "</th><th class=\"num\">± sd</th><th class=\"num\">marginal spread</th></tr></thead><tbody>\n");
            for (Object[] r : rows) {
                h.append("<tr data-key=\"").append(esc((String) r[0])).append("\"><td>").append(esc((String) r[0]))
                        .append("</td>").append(num("share", (Double) r[1])).append(num("sd", (Double) r[2]))
                        .append(num("spread", (Double) r[3])).append("</tr>\n");
            }
            h.append("</tbody></table>\n<p class=\"note\">The marginal spread (see <a href=\"#effects\">Parameter "
                    + "effects</a>, over the completed trials) compares mean objectives between values and ignores the "
                    + "other hyperparameters; "
                    + "fANOVA averages over them through the forest.</p>\n<div class=\"charts\">")
                    .append(Charts.importance("importance-chart", rows)).append("</div>\n");
        }
        h.append("</section>\n");
    }

    private static void rungs(StringBuilder h, Facts f) {
        if (f.rungs().rungs().isEmpty()) {
            return;
        }
        String key = f.run().objective().key();
        h.append("<section id=\"rungs\">\n<h2>Rungs</h2>\n<p class=\"note\" id=\"rungs-note\">")
                .append(esc(f.rungsNote())).append(" A trial's value at a rung is its ").append(esc(key))
                .append(" at the epoch early stopping had kept by then; the cut-off is the lowest-ranked promoted value.")
                .append("</p>\n<table id=\"rungs-table\"><thead><tr><th class=\"num\">rung epoch</th>")
                .append("<th class=\"num\">reached</th><th class=\"num\">promoted</th><th class=\"num\">pruned</th>")
                .append("<th class=\"num\">finished there</th><th class=\"num\">best ").append(esc(key))
                .append("</th><th class=\"num\">cut-off</th></tr></thead><tbody>\n");
        boolean max = f.run().objective().maximise();
        for (Rungs.Rung r : f.rungs().rungs()) {
            java.util.DoubleSummaryStatistics all = r.entries().stream().mapToDouble(Rungs.Entry::value)
                    .filter(Double::isFinite).summaryStatistics();
            java.util.DoubleSummaryStatistics promoted = r.entries().stream()
                    .filter(e -> e.fate() == Rungs.Fate.PROMOTED).mapToDouble(Rungs.Entry::value)
                    .filter(Double::isFinite).summaryStatistics();
            h.append("<tr data-key=\"").append(r.epoch()).append("\"><td class=\"num\">").append(r.epoch())
                    .append("</td><td class=\"num\">").append(r.entries().size()).append("</td><td class=\"num\">")
                    .append(r.count(Rungs.Fate.PROMOTED)).append("</td><td class=\"num\">")
                    .append(r.count(Rungs.Fate.PRUNED)).append("</td><td class=\"num\">")
                    .append(r.count(Rungs.Fate.COMPLETED)).append("</td>")
                    .append(num("best", all.getCount() == 0 ? Double.NaN : max ? all.getMax() : all.getMin()))
                    .append(num("cut-off", promoted.getCount() == 0 ? Double.NaN
                            : max ? promoted.getMin() : promoted.getMax())).append("</tr>\n");
        }
        h.append("</tbody></table>\n");
        for (Rungs.Rung r : f.rungs().rungs()) {
            h.append("<details><summary>Rung at epoch ").append(r.epoch()).append(": ").append(r.entries().size())
                    .append(" trials</summary>\n<table id=\"rung-").append(r.epoch()).append("\"><thead><tr><th>id</th>")
                    .append("<th class=\"num\">").append(esc(key)).append("</th><th>fate</th></tr></thead><tbody>\n");
            java.util.Comparator<Rungs.Entry> byValue = java.util.Comparator.comparingDouble(Rungs.Entry::value);
            for (Rungs.Entry e : r.entries().stream().sorted(max ? byValue.reversed() : byValue).toList()) {
                String fate = e.fate().name().toLowerCase(Locale.ROOT);
                h.append("<tr data-id=\"").append(e.trial()).append("\" data-fate=\"").append(fate).append("\"><td>")
                        .append(e.trial()).append("</td>").append(num("value", e.value())).append("<td>").append(fate)
                        .append("</td></tr>\n");
            }
            h.append("</tbody></table></details>\n");
        }
        h.append("<div class=\"charts\">").append(Charts.rungs("rungs-chart", f.rungs(), f.run().records(),
                f.run().objective()::of, key)).append("</div>\n</section>\n");
    }

    private static void timeline(StringBuilder h, Facts f) {
        h.append("<section id=\"timeline\">\n<h2>Executor timeline</h2>\n");
        Timeline t = f.timeline();
        if (t.bars().isEmpty()) {
            h.append("<p class=\"note\">The run directory has no segment log, so there is no timeline.</p>\n"
                    + "</section>\n");
            return;
        }
        h.append(Charts.timeline("timeline-chart", t)).append("\n<p id=\"timeline-numbers\">")
                .append(esc(f.timelineNote())).append(".</p>\n<p class=\"note\">A bar runs from the driver starting a ")
                .append("segment to its result coming back. Utilisation is the executors' own time in the segments over ")
                .append("the slots (candidates in flight) times the span; scheduling and transfer is the rest of the ")
                .append("bars' time; idle is slot time with nothing in flight (for a resumed run, the time between the ")
                .append("drivers counts as idle).</p>\n</section>\n");
    }

    private static void leaderboard(StringBuilder h, Facts f) {
        RunSummary run = f.run();
        List<String> varying = run.leaderboard().varyingKeys();
        int total = run.leaderboard().ranked().size();
        boolean many = total > SHOWN;
        h.append("<section id=\"leaderboard\">\n<h2>Leaderboard</h2>\n<p class=\"note\">Ranked by ")
                .append(esc(run.objective().key())).append("; click a column to sort.")
                .append(many ? " The top " + SHOWN + " of " + total + " are shown." : "").append("</p>\n")
                .append(many ? "<p><button type=\"button\" id=\"show-all\" data-shown=\"" + SHOWN + "\">Show all "
                        + total + " trials</button></p>\n" : "")
                .append("<div class=\"scroll\"><table id=\"leaderboard-table\" class=\"sortable")
                .append(many ? " collapsed" : "").append("\"><thead><tr>")
                .append("<th class=\"num\">rank</th><th>id</th><th>status</th>");
        varying.forEach(k -> h.append("<th>").append(header(k)).append("</th>"));
        java.util.Optional<String> extra = Leaderboard.extraColumn(run.objective());
        h.append("<th>engine</th><th class=\"num\">epochs</th><th class=\"num\">best epoch</th>")
                .append(extra.map(k -> "<th class=\"num\">" + header(k) + "</th>").orElse(""))
                .append(metricHeaders(run.leaderboard()))
                .append("<th class=\"num\">seconds</th>")
                .append("<th>executor</th><th>host</th><th>reason</th></tr></thead><tbody>\n");
        int rank = 1;
        for (TrialRecord r : run.leaderboard().ranked()) {
            String status = r.status().name().toLowerCase(Locale.ROOT);
            h.append("<tr class=\"").append(status).append(rank > SHOWN ? " more" : "").append("\" data-id=\"")
                    .append(r.id()).append("\">")
                    .append("<td class=\"num\">").append(rank++).append("</td><td>").append(r.id()).append("</td><td>")
                    .append(status).append("</td>");
            varying.forEach(k -> h.append("<td>").append(esc(value(r.hyperparameters().get(k)))).append("</td>"));
            h.append("<td>").append(esc(r.engine())).append("</td><td class=\"num\">").append(r.epochsTrained())
                    .append("</td><td class=\"num\">").append(r.bestEpoch()).append("</td>")
                    .append(extra.map(k -> num(k, r.value(run.objective()))).orElse(""))
                    .append(metricCells(run.leaderboard(), r))
                    .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.1f", r.seconds())).append("</td>")
                    .append("<td>").append(esc(r.executor())).append("</td><td>").append(esc(r.host())).append("</td>")
                    .append("<td class=\"reason\">").append(esc(r.reason())).append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n</section>\n");
    }

    /** A column name that may break after its underscores, so that narrow columns keep the table on the page. */
    static String header(String key) {
        return esc(key).replace("_", "_<wbr>");
    }

    /** A hyperparameter's value as the tables show it: doubles to 4 significant digits. */
    static String value(Object v) {
        return v instanceof Double d ? ParallelCoordinates.fmt(d) : String.valueOf(v);
    }

    private static String metricHeaders(Leaderboard board) {
        StringBuilder b = new StringBuilder();
        board.metricKeys().forEach(k -> b.append("<th class=\"num\">").append(header(k)).append("</th>"));
        return b.toString();
    }

    private static String metricCells(Leaderboard board, TrialRecord r) {
        StringBuilder b = new StringBuilder();
        List<String> keys = board.metricKeys();
        List<Double> values = board.metrics(r);
        for (int i = 0; i < keys.size(); i++) {
            b.append(num(keys.get(i), values.get(i)));
        }
        return b.toString();
    }

    private static void test(StringBuilder h, TestEvaluation test) {
        h.append("<section id=\"test\">\n<h2>Winner's test evaluation</h2>\n");
        if (test == null) {
            h.append("<p class=\"note\">Not evaluated: the run stopped before its winner saw the test split.</p>\n"
                    + "</section>\n");
            return;
        }
        if (test.regression()) {
            regressionTest(h, test);
            return;
        }
        h.append("<p>Trial <b>").append(esc(test.trialId())).append("</b> on ")
                .append(test.rows()).append(" test rows: accuracy <b id=\"test-accuracy\">")
                .append(String.format(Locale.ROOT, "%.4f", test.accuracy()))
                .append("</b>, macro F1 <b id=\"test-macro-f1\">")
                .append(String.format(Locale.ROOT, "%.4f", test.macroF1())).append("</b>.</p>\n");
        h.append("<table id=\"per-class-table\" class=\"sortable\"><thead><tr><th>class</th><th class=\"num\">precision"
                + "</th><th class=\"num\">recall</th><th class=\"num\">F1</th><th class=\"num\">support</th></tr></thead>"
                + "<tbody>\n");
        for (TestEvaluation.ClassMetrics c : test.perClass()) {
            h.append("<tr><td>").append(esc(c.label())).append("</td>")
                    .append(num("precision", c.precision())).append(num("recall", c.recall()))
                    .append(num("f1", c.f1())).append("<td class=\"num\">")
                    .append(c.support()).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        h.append("<div class=\"charts\">").append(Charts.confusion("confusion", test.confusionMatrix(), test.labels()))
                .append("</div>\n</section>\n");
    }

    private static void regressionTest(StringBuilder h, TestEvaluation test) {
        h.append("<p>Trial <b>").append(esc(test.trialId())).append("</b> on ").append(test.rows())
                .append(" test rows: RMSE <b id=\"test-rmse\">").append(String.format(Locale.ROOT, "%.4g", test.rmse()))
                .append("</b>, MAE <b id=\"test-mae\">").append(String.format(Locale.ROOT, "%.4g", test.mae()))
                .append("</b>, R² <b id=\"test-r2\">").append(String.format(Locale.ROOT, "%.4f", test.r2()))
                .append("</b> (RMSE and MAE in the target's units).</p>\n");
        TestEvaluation.Points p = test.points();
        if (p == null || p.actual().length == 0) {
            h.append("<p class=\"note\">The test metrics hold no values to plot.</p>\n</section>\n");
            return;
        }
        if (p.actual().length < test.rows()) {
            h.append("<p class=\"note\">The plots show the first ").append(p.actual().length).append(" of ")
                    .append(test.rows()).append(" test rows.</p>\n");
        }
        h.append("<div class=\"charts\">").append(Charts.predictedVsActual("predicted-vs-actual", p.actual(),
                        p.predicted())).append('\n').append(Charts.residuals("residuals", p.actual(), p.predicted()))
                .append("</div>\n</section>\n");
    }

    private static void keyValues(StringBuilder h, String id, Map<String, String> m) {
        h.append("<table id=\"").append(id).append("\"><tbody>\n");
        m.forEach((k, v) -> h.append("<tr data-key=\"").append(esc(k)).append("\"><th>").append(esc(k))
                .append("</th><td>").append(esc(v)).append("</td></tr>\n"));
        h.append("</tbody></table>\n");
    }

    private static String num(String cls, double v) {
        return "<td class=\"num " + cls + "\">" + (Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v))
                + "</td>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
