package dev.sparksweep.report;

import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.TrialStatus;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One polyline per completed trial across every hyperparameter that varied and the objective, coloured by the
 * rank by objective (yellow best, purple worst), as plain inline SVG. A dimension given as a list of values is labelled
 * with each value; one given as a distribution is continuous over its range (log for {@code log_uniform}). The best trials are
 * drawn last, on top. A trial without a value on an axis (a dimension that does not apply to it) sits at "none".
 */
final class ParallelCoordinates {
    static final int WIDTH = 1100;
    static final int HEIGHT = 400;
    private static final int TOP = 46;
    private static final int BOTTOM = 40;
    private static final int SIDE = 70;
    private static final int MAX_LABELLED = 8;
    private static final Color[] VIRIDIS = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
        new Color(0x5ec962), new Color(0xfde725)};

    private ParallelCoordinates() {
    }

    /** An axis: where a trial's value sits, from 0 (bottom) to 1 (top), and the labels to write beside it. */
    private record Axis(String name, Function<TrialRecord, Double> position, List<String[]> ticks) {
    }

    static String svg(String id, RunSummary run) {
        List<TrialRecord> done = run.records().stream().filter(r -> r.status() == TrialStatus.COMPLETE
                && Double.isFinite(run.objectiveOf(r))).toList();
        List<Axis> axes = new ArrayList<>();
        for (String key : run.leaderboard().varyingKeys()) {
            axes.add(axis(key, done.stream().map(r -> r.hyperparameters().get(key)).toList(),
                    r -> r.hyperparameters().get(key), run.config().path("space").path(key)));
        }
        double lo = done.stream().mapToDouble(run::objectiveOf).min().orElse(0);
        double hi = done.stream().mapToDouble(run::objectiveOf).max().orElse(1);
        boolean max = run.objective().maximise();
        Function<TrialRecord, Double> quality = r -> hi == lo ? 1.0 : max ? (run.objectiveOf(r) - lo) / (hi - lo)
                : (hi - run.objectiveOf(r)) / (hi - lo);
        List<String[]> objectiveTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double q = i / 4.0;
            objectiveTicks.add(new String[] {String.valueOf(q), fmt(max ? lo + q * (hi - lo) : hi - q * (hi - lo))});
        }
        axes.add(new Axis(run.objective().key() + (max ? "" : " (best at top)"), quality, objectiveTicks));

        StringBuilder s = new StringBuilder();
        s.append("<svg id=\"").append(id).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
                .append("<text x=\"").append(WIDTH / 2).append("\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\" ")
                .append("font-size=\"13\">Parallel coordinates: ").append(done.size()).append(" completed trials, ")
                .append("coloured by their rank in ").append(HtmlReport.esc(run.objective().key())).append("</text>\n");
        double step = axes.size() < 2 ? 0 : (WIDTH - 2.0 * SIDE) / (axes.size() - 1);
        List<TrialRecord> order = done.stream().sorted(Comparator.comparingDouble(quality::apply)).toList();
        for (int i = 0; i < order.size(); i++) {
            TrialRecord r = order.get(i);
            // colour by rank, so one outlier does not turn every other line the same colour
            double q = order.size() == 1 ? 1 : i / (order.size() - 1.0);
            s.append("<polyline class=\"trial\" data-id=\"").append(r.id()).append("\" fill=\"none\" stroke=\"")
                    .append(hex(colour(q))).append("\" stroke-opacity=\"").append(q > 0.9 ? "0.95" : "0.6")
                    .append("\" stroke-width=\"").append(q > 0.9 ? "2" : "1.2").append("\" points=\"");
            for (int a = 0; a < axes.size(); a++) {
                s.append(String.format(Locale.ROOT, "%.1f,%.1f ", SIDE + a * step, y(axes.get(a).position().apply(r))));
            }
            s.setLength(s.length() - 1);
            s.append("\"><title>").append(r.id()).append(' ').append(HtmlReport.esc(run.objective().key())).append(' ')
                    .append(fmt(run.objectiveOf(r))).append("</title></polyline>\n");
        }
        for (int a = 0; a < axes.size(); a++) {
            Axis ax = axes.get(a);
            double x = SIDE + a * step;
            s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#333\"/>\n", x, TOP, x, HEIGHT - BOTTOM));
            s.append(String.format(Locale.ROOT, "<text class=\"axis-name\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
                    + "font-weight=\"bold\">%s</text>\n", x, TOP - 12, HtmlReport.esc(ax.name())));
            for (String[] t : ax.ticks()) {
                double ty = y(Double.parseDouble(t[0]));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"start\" fill=\"#222\" "
                        + "stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">%s</text>\n", x + 4, ty + 4,
                        HtmlReport.esc(t[1])));
            }
        }
        s.append(legend(lo, hi, max)).append("</svg>");
        return s.toString();
    }

    /**
     * @param space the dimension as the resolved config gives it: a list of values (labelled axis), a distribution
     *     such as {@code {log_uniform: [lo, hi]}} (continuous over that range), or missing
     */
    private static Axis axis(String key, List<Object> values, Function<TrialRecord, Object> of,
                             com.fasterxml.jackson.databind.JsonNode space) {
        boolean none = values.stream().anyMatch(v -> v == null);
        List<Object> present = values.stream().filter(v -> v != null).toList();
        boolean numeric = !present.isEmpty() && present.stream().allMatch(v -> v instanceof Number);
        List<Object> listed = new ArrayList<>(present);
        if (space.isArray()) {
            // every value the space lists gets its place, also those no completed trial had
            space.forEach(v -> listed.add(v.isNumber() ? (Object) (v.isIntegralNumber() ? v.asLong() : v.asDouble())
                    : v.isTextual() ? v.asText() : v.toString()));
        }
        List<String> distinct = listed.stream().filter(v -> !numeric || v instanceof Number).sorted(numeric
                ? Comparator.comparingDouble(v -> ((Number) v).doubleValue())
                : Comparator.comparing(String::valueOf)).map(HtmlReport::value).distinct().toList();
        double lift = none ? 0.08 : 0;
        List<String[]> ticks = new ArrayList<>();
        if (none) {
            ticks.add(new String[] {"0", "none"});
        }
        boolean distribution = space.isObject() && space.size() == 1
                && space.elements().next().isArray() && space.elements().next().size() == 2
                && space.elements().next().get(0).isNumber() && space.elements().next().get(1).isNumber();
        if (!numeric || (!distribution && distinct.size() <= MAX_LABELLED)) {
            int n = distinct.size();
            for (int i = 0; i < n; i++) {
                ticks.add(new String[] {String.valueOf(place(i, n, lift)), distinct.get(i)});
            }
            return new Axis(key, r -> {
                Object v = of.apply(r);
                return v == null ? 0.0 : place(distinct.indexOf(HtmlReport.value(v)), n, lift);
            }, ticks);
        }
        double lo = present.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(0);
        double hi = present.stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(1);
        boolean log;
        if (distribution) {
            // the whole range searched, so the lines show where in it the trials fell
            lo = Math.min(lo, space.elements().next().get(0).asDouble());
            hi = Math.max(hi, space.elements().next().get(1).asDouble());
            log = space.fieldNames().next().startsWith("log") && lo > 0;
        } else {
            log = lo > 0 && hi / lo >= 30;
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        final double low = lo;
        final double high = hi;
        Function<Double, Double> scale = v -> {
            double t = log ? Math.log(v / low) / Math.log(high / low) : (v - low) / (high - low);
            return lift + (1 - lift) * t;
        };
        for (int i = 0; i <= 4; i++) {
            double v = log ? low * Math.pow(high / low, i / 4.0) : low + i * (high - low) / 4;
            ticks.add(new String[] {String.valueOf(scale.apply(v)), fmt(v)});
        }
        return new Axis(key + (log ? " (log)" : ""), r -> {
            Object v = of.apply(r);
            return v == null ? 0.0 : scale.apply(((Number) v).doubleValue());
        }, ticks);
    }

    private static double place(int i, int n, double lift) {
        return n == 1 ? 0.5 : lift + (1 - lift) * i / (n - 1);
    }

    private static double y(double position) {
        return HEIGHT - BOTTOM - position * (HEIGHT - TOP - BOTTOM);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }

    private static String legend(double lo, double hi, boolean max) {
        StringBuilder s = new StringBuilder("<defs><linearGradient id=\"parallel-scale\">");
        for (int i = 0; i < VIRIDIS.length; i++) {
            s.append("<stop offset=\"").append(i * 100 / (VIRIDIS.length - 1)).append("%\" stop-color=\"")
                    .append(hex(VIRIDIS[i])).append("\"/>");
        }
        int x = WIDTH - SIDE - 420;
        int y = HEIGHT - 18;
        s.append("</linearGradient></defs>\n<rect x=\"").append(x).append("\" y=\"").append(y - 9)
                .append("\" width=\"200\" height=\"10\" fill=\"url(#parallel-scale)\"/>\n")
                .append("<text x=\"").append(x - 6).append("\" y=\"").append(y).append("\" text-anchor=\"end\">")
                .append("worst ").append(fmt(max ? lo : hi)).append("</text><text x=\"").append(x + 206).append("\" y=\"")
                .append(y).append("\">best ").append(fmt(max ? hi : lo)).append(" (colour by rank)</text>\n");
        return s.toString();
    }

    static Color colour(double q) {
        double p = Math.max(0, Math.min(1, q)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) p);
        double f = p - i;
        Color a = VIRIDIS[i];
        Color b = VIRIDIS[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
