package dev.sparksweep.report;

import dev.sparksweep.results.TrialRecord;
import dev.sparksweep.worker.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** The report's charts, drawn by JFreeChart into SVG with JFreeSVG. */
public final class Charts {
    static final Color[] TOP = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd)};
    static final Color FADED = new Color(150, 150, 150, 60);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** What a learning-curve chart plots: its per-epoch values (train null when there is none) and its labels. */
    public enum Curve {
        LOSS("Loss", "loss (cross-entropy)", EpochMetrics::trainLoss, EpochMetrics::valLoss),
        ACCURACY("Accuracy", "accuracy", EpochMetrics::trainAccuracy, EpochMetrics::valAccuracy),
        REGRESSION_LOSS("Loss", "loss (mean squared error of the standardised target)", EpochMetrics::trainLoss,
                EpochMetrics::valLoss),
        RMSE("Validation RMSE", "RMSE (target's units)", null, EpochMetrics::valRmse);

        final String title;
        final String axis;
        final ToDoubleFunction<EpochMetrics> train;
        final ToDoubleFunction<EpochMetrics> val;

        Curve(String title, String axis, ToDoubleFunction<EpochMetrics> train, ToDoubleFunction<EpochMetrics> val) {
            this.title = title;
            this.axis = axis;
            this.train = train;
            this.val = val;
        }

        boolean loss() {
            return this != ACCURACY;
        }
    }

    /**
     * Validation curves of every trial, faded, behind the top trials' train (dashed) and validation (solid)
     * curves; a ring marks the epoch each top trial kept (its early-stopping point).
     */
    public static String learningCurves(String id, List<TrialRecord> ranked, int top, Curve curve) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        ToDoubleFunction<EpochMetrics> val = curve.val;
        ToDoubleFunction<EpochMetrics> train = curve.train;
        // JFreeChart draws the first series last (on top): the best trial first, the faded ones after
        int s = 0;
        for (int i = 0; i < Math.min(top, ranked.size()); i++) {
            TrialRecord t = ranked.get(i);
            Color c = TOP[i % TOP.length];
            if (train != null) {
                data.addSeries(series("#" + (i + 1) + " " + t.id() + " train", t, train));
                r.setSeriesPaint(s, c);
                r.setSeriesStroke(s++, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                        new float[] {5f, 4f}, 0f));
            }
            data.addSeries(series("#" + (i + 1) + " " + t.id() + " validation", t, val));
            r.setSeriesPaint(s, c);
            r.setSeriesStroke(s++, new BasicStroke(2f));
            XYSeries stop = new XYSeries("#" + (i + 1) + " kept epoch " + t.bestEpoch());
            t.history().stream().filter(m -> m.epoch() == t.bestEpoch()).findFirst()
                    .ifPresent(m -> stop.add(m.epoch(), val.applyAsDouble(m)));
            data.addSeries(stop);
            r.setSeriesPaint(s, c);
            r.setSeriesLinesVisible(s, false);
            r.setSeriesShapesVisible(s, true);
            r.setSeriesShape(s, new Ellipse2D.Double(-6, -6, 12, 12));
            r.setSeriesShapesFilled(s, false);
            r.setSeriesVisibleInLegend(s++, false);
        }
        for (int i = top; i < ranked.size(); i++) {
            data.addSeries(series(ranked.get(i).id() + " ", ranked.get(i), val));
            r.setSeriesPaint(s, FADED);
            r.setSeriesStroke(s, new BasicStroke(1f));
            r.setSeriesVisibleInLegend(s++, false);
        }
        NumberAxis x = new NumberAxis("epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(curve.axis);
        y.setAutoRangeIncludesZero(false);
        if (curve.loss()) {
            // a diverging trial's loss would flatten every other curve: the axis follows the top trials
            double most = ranked.subList(0, Math.min(top, ranked.size())).stream()
                    .flatMap(t -> t.history().stream())
                    .mapToDouble(m -> Math.max(train == null ? val.applyAsDouble(m) : train.applyAsDouble(m),
                            val.applyAsDouble(m))).filter(Double::isFinite).max().orElse(1);
            y.setRange(0, most * 1.1);
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        return svg(id, chart(curve.title + " per epoch: top " + Math.min(top, ranked.size())
                + (train == null ? "" : " (solid validation, dashed train)") + " and all " + ranked.size()
                + " trials' validation (grey)", plot, true), 900, 420);
    }

    private static XYSeries series(String name, TrialRecord t, ToDoubleFunction<EpochMetrics> f) {
        XYSeries s = new XYSeries(name, false, true);
        for (EpochMetrics m : t.history()) {
            double v = f.applyAsDouble(m);
            if (Double.isFinite(v)) {
                s.add(m.epoch(), v);
            }
        }
        return s;
    }

    /** The objective of every completed trial against one hyperparameter; category values get a slight jitter. */
    public static String parameterEffect(String id, ParameterEffects.Effect e, String objective) {
        XYSeries points = new XYSeries(e.key(), false, true);
        List<String> categories = e.values().stream().map(String::valueOf).distinct().sorted().toList();
        boolean numeric = e.numeric();
        java.util.Random jitter = new java.util.Random(id.hashCode());
        for (int i = 0; i < e.values().size(); i++) {
            double x = numeric ? ((Number) e.values().get(i)).doubleValue()
                    : categories.indexOf(String.valueOf(e.values().get(i))) + (jitter.nextDouble() - 0.5) * 0.2;
            points.add(x, e.objective().get(i));
        }
        NumberAxis xAxis;
        if (!numeric) {
            xAxis = new SymbolAxis(e.key(), categories.toArray(new String[0]));
        } else if (spansDecades(e.values())) {
            LogAxis log = new LogAxis(e.key());
            log.setBase(10);
            log.setNumberFormatOverride(new java.text.DecimalFormat("0.####E0"));
            return plot(id, e, objective, points, log);
        } else {
            xAxis = new NumberAxis(e.key());
            xAxis.setAutoRangeIncludesZero(false);
        }
        return plot(id, e, objective, points, xAxis);
    }

    private static String plot(String id, ParameterEffects.Effect e, String objective, XYSeries points,
                               org.jfree.chart.axis.ValueAxis xAxis) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, new Color(31, 119, 180, 160));
        r.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        NumberAxis y = new NumberAxis(objective);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(points), xAxis, y, r);
        return svg(id, chart(e.key() + String.format(Locale.ROOT, " (spread of means %.4f)", e.spread()), plot, false),
                420, 300);
    }

    private static boolean spansDecades(List<Object> values) {
        double lo = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(0);
        double hi = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0);
        return lo > 0 && hi / lo >= 30;
    }

    /** The confusion matrix as a heat map: rows actual, columns predicted, each cell with its count. */
    public static String confusion(String id, int[][] cm, List<String> labels) {
        int k = labels.size();
        DefaultXYZDataset data = new DefaultXYZDataset();
        double[][] xyz = new double[3][k * k];
        int max = 1;
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                int i = a * k + p;
                xyz[0][i] = p;
                xyz[1][i] = a;
                xyz[2][i] = cm[a][p];
                max = Math.max(max, cm[a][p]);
            }
        }
        data.addSeries("counts", xyz);
        LookupPaintScale scale = new LookupPaintScale(0, max + 1, Color.WHITE);
        for (int step = 0; step <= 20; step++) {
            float f = step / 20f;
            scale.add(max * f, new Color(1 - 0.85f * f, 1 - 0.6f * f, 1 - 0.25f * f));
        }
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        String[] names = labels.toArray(new String[0]);
        SymbolAxis x = new SymbolAxis("predicted", names);
        SymbolAxis y = new SymbolAxis("actual", names);
        y.setInverted(true);
        XYPlot plot = new XYPlot(data, x, y, r);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                XYTextAnnotation t = new XYTextAnnotation(String.valueOf(cm[a][p]), p, a);
                t.setFont(font);
                t.setPaint(cm[a][p] > max * 0.6 ? Color.WHITE : Color.DARK_GRAY);
                plot.addAnnotation(t);
            }
        }
        int side = Math.max(360, Math.min(720, 60 + 42 * k));
        return svg(id, chart("Confusion matrix on the test split", plot, false), side + 40, side);
    }

    /**
     * Each trial's objective in finish order, with the best-so-far of the completed trials as a step line. Pruned
     * trials are grey, failed ones red crosses along the bottom (they have no value); under tpe, startup
     * proposals are hollow squares and the model's filled circles.
     */
    public static String history(String id, OptimisationHistory h, String objective) {
        boolean bySource = h.bySource();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        XYSeries best = new XYSeries("best so far", false, true);
        for (int i = 0; i < h.points().size(); i++) {
            double now = h.bestSoFar().get(i);
            if (!Double.isNaN(now)) {
                // a step: level until the trial that improved it
                if (i > 0 && !h.bestSoFar().get(i - 1).isNaN() && h.bestSoFar().get(i - 1) != now) {
                    best.add(h.points().get(i).order(), h.bestSoFar().get(i - 1));
                }
                best.add(h.points().get(i).order(), now);
            }
        }
        data.addSeries(best);
        r.setSeriesLinesVisible(0, true);
        r.setSeriesShapesVisible(0, false);
        r.setSeriesPaint(0, new Color(0xd62728));
        r.setSeriesStroke(0, new BasicStroke(2f));
        XYSeries model = new XYSeries(bySource ? "complete (model)" : "complete", false, true);
        XYSeries startup = new XYSeries("complete (startup, random)", false, true);
        XYSeries pruned = new XYSeries("pruned", false, true);
        XYSeries failed = new XYSeries("failed (no value)", false, true);
        double low = h.points().stream().mapToDouble(OptimisationHistory.Point::value).filter(Double::isFinite)
                .min().orElse(0);
        for (OptimisationHistory.Point p : h.points()) {
            switch (p.status()) {
                case COMPLETE -> (bySource && "startup".equals(p.proposedBy()) ? startup : model).add(p.order(), p.value());
                case FAILED -> failed.add(p.order(), low);
                default -> {
                    if (Double.isFinite(p.value())) {
                        pruned.add(p.order(), p.value());
                    }
                }
            }
        }
        Object[][] styles = {
            {model, new Color(31, 119, 180, 200), new Ellipse2D.Double(-3.5, -3.5, 7, 7), true},
            {startup, new Color(44, 160, 44), new Rectangle(-4, -4, 8, 8), false},
            {pruned, new Color(130, 130, 130, 150), new Ellipse2D.Double(-2.5, -2.5, 5, 5), true},
            {failed, new Color(0xa33333), cross(), false}};
        for (Object[] st : styles) {
            XYSeries series = (XYSeries) st[0];
            if (series.getItemCount() == 0 && series != model) {
                continue;
            }
            int k = data.getSeriesCount();
            data.addSeries(series);
            r.setSeriesPaint(k, (Color) st[1]);
            r.setSeriesShape(k, (java.awt.Shape) st[2]);
            r.setSeriesShapesFilled(k, (Boolean) st[3]);
            r.setSeriesLinesVisible(k, false);
        }
        r.setUseOutlinePaint(false);
        NumberAxis x = new NumberAxis("trial, in finish order");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return svg(id, chart("Optimisation history: " + objective + " of " + h.points().size()
                + " trials and the best so far", new XYPlot(data, x, axis(objective), r), true), 900, 380);
    }

    private static java.awt.Shape cross() {
        java.awt.geom.Path2D p = new java.awt.geom.Path2D.Double();
        p.moveTo(-4, -4);
        p.lineTo(4, 4);
        p.moveTo(-4, 4);
        p.lineTo(4, -4);
        return new BasicStroke(1.6f).createStrokedShape(p);
    }

    /** One row per executor lane, one bar per training segment from its start to its result, coloured by fate. */
    public static String timeline(String id, Timeline t) {
        org.jfree.data.xy.XYIntervalSeriesCollection data = new org.jfree.data.xy.XYIntervalSeriesCollection();
        org.jfree.chart.renderer.xy.XYBarRenderer r = new org.jfree.chart.renderer.xy.XYBarRenderer();
        r.setShadowVisible(false);
        r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        r.setUseYInterval(true);
        r.setDrawBarOutline(true);
        r.setDefaultOutlinePaint(Color.WHITE);
        Object[][] kinds = {
            {Timeline.Kind.COMPLETE, "complete", new Color(31, 119, 180)},
            {Timeline.Kind.PROMOTED, "paused at a rung, promoted", new Color(158, 202, 225)},
            {Timeline.Kind.PRUNED, "pruned", new Color(160, 160, 160)},
            {Timeline.Kind.FAILED, "failed", new Color(0xd62728)}};
        for (Object[] k : kinds) {
            org.jfree.data.xy.XYIntervalSeries series = new org.jfree.data.xy.XYIntervalSeries((String) k[1]);
            for (Timeline.Bar b : t.bars()) {
                if (b.kind() == k[0]) {
                    series.add(b.lane(), b.lane() - 0.35, b.lane() + 0.35, b.start(), b.start(), b.end());
                }
            }
            if (series.getItemCount() > 0) {
                r.setSeriesPaint(data.getSeriesCount(), (Color) k[2]);
                data.addSeries(series);
            }
        }
        SymbolAxis lanes = new SymbolAxis("executor", t.lanes().toArray(new String[0]));
        lanes.setInverted(true);
        NumberAxis time = new NumberAxis("seconds since the first segment started");
        XYPlot plot = new XYPlot(data, lanes, time, r);
        plot.setOrientation(org.jfree.chart.plot.PlotOrientation.HORIZONTAL);
        int height = Math.max(220, Math.min(900, 120 + 26 * t.lanes().size()));
        return svg(id, chart("Executor timeline: " + t.bars().size() + " segments on " + t.lanes().size()
                + " lanes", plot, true), 1100, height);
    }

    /**
     * The objective by epoch of every trial halving judged, coloured by the rung it stopped at (grey for the
     * first, darker for later ones, blue for those that finished past the last pruning), with a line at each rung.
     */
    public static String rungs(String id, Rungs rungs, List<TrialRecord> records, java.util.function.ToDoubleFunction<EpochMetrics> objective,
                               String label) {
        java.util.Map<String, Integer> stopped = rungs.stoppedAt();
        List<Integer> epochs = rungs.rungs().stream().map(Rungs.Rung::epoch).toList();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        // the trials that went furthest are added first, so they are drawn on top
        List<TrialRecord> judged = records.stream().filter(t -> t.rungs() != null && !t.rungs().isEmpty())
                .sorted(java.util.Comparator.comparingInt(TrialRecord::epochsTrained).reversed()).toList();
        Color[] byRung = {new Color(200, 200, 200, 140), new Color(150, 150, 170, 170), new Color(100, 100, 140, 200),
            new Color(70, 70, 110, 220)};
        for (TrialRecord t : judged) {
            int k = data.getSeriesCount();
            data.addSeries(series(t.id(), t, objective));
            Integer at = stopped.get(t.id());
            int rung = at == null ? -1 : epochs.indexOf(at);
            boolean furthest = at == null || rung == epochs.size() - 1;
            r.setSeriesPaint(k, furthest ? new Color(31, 119, 180) : byRung[Math.min(rung, byRung.length - 1)]);
            r.setSeriesStroke(k, new BasicStroke(furthest ? 1.8f : 1f));
            r.setSeriesVisibleInLegend(k, false);
        }
        LogAxis x = new LogAxis("epoch (log scale)");
        x.setBase(2);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        XYPlot plot = new XYPlot(data, x, axis(label), r);
        for (int e : epochs) {
            org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(e, new Color(0xd62728),
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {4f, 3f}, 0f));
            m.setLabel("rung " + e);
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(m);
        }
        return svg(id, chart(label + " by epoch of " + judged.size() + " trials: grey stopped at an early rung, "
                + "darker at a later one, blue went furthest", plot, false), 1000, 420);
    }

    /** fANOVA shares as horizontal bars, the most important on top, each with its spread over the trees. */
    public static String importance(String id, List<Object[]> rows) {
        org.jfree.data.statistics.DefaultStatisticalCategoryDataset data =
                new org.jfree.data.statistics.DefaultStatisticalCategoryDataset();
        for (Object[] r : rows) {
            data.add((Double) r[1], (Double) r[2], "fANOVA share", (String) r[0]);
        }
        org.jfree.chart.renderer.category.StatisticalBarRenderer r =
                new org.jfree.chart.renderer.category.StatisticalBarRenderer();
        r.setSeriesPaint(0, new Color(31, 119, 180));
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setShadowVisible(false);
        r.setErrorIndicatorPaint(Color.DARK_GRAY);
        NumberAxis value = new NumberAxis("share of the objective's variance (± sd over the trees)");
        value.setRange(0, 1);
        org.jfree.chart.plot.CategoryPlot plot = new org.jfree.chart.plot.CategoryPlot(data,
                new org.jfree.chart.axis.CategoryAxis(), value, r);
        plot.setOrientation(org.jfree.chart.plot.PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setTitle(new TextTitle("Hyperparameter importance (fANOVA)", new Font(Font.SANS_SERIF, Font.BOLD, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        return svg(id, chart, 640, Math.max(200, 90 + 34 * rows.size()));
    }

    /** A regression's test rows: predicted against actual, with the line y = x where a perfect net's points lie. */
    public static String predictedVsActual(String id, double[] actual, double[] predicted) {
        XYSeries points = points("test rows", actual, predicted);
        double lo = Math.min(min(actual), min(predicted));
        double hi = Math.max(max(actual), max(predicted));
        XYSeries diagonal = new XYSeries("predicted = actual", false, true);
        diagonal.add(lo, lo);
        diagonal.add(hi, hi);
        return svg(id, chart("Predicted against actual on the test split (" + actual.length + " rows)",
                scatterWithLine(points, diagonal, "actual", "predicted"), false), 480, 420);
    }

    /** A regression's residuals (actual − predicted) against the prediction, with the zero line. */
    public static String residuals(String id, double[] actual, double[] predicted) {
        double[] residual = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            residual[i] = actual[i] - predicted[i];
        }
        XYSeries points = points("test rows", predicted, residual);
        XYSeries zero = new XYSeries("zero", false, true);
        zero.add(min(predicted), 0);
        zero.add(max(predicted), 0);
        return svg(id, chart("Residuals (actual − predicted) against predicted",
                scatterWithLine(points, zero, "predicted", "residual"), false), 480, 420);
    }

    /** Points, and a reference line drawn through them in grey. */
    private static XYPlot scatterWithLine(XYSeries points, XYSeries line, String xLabel, String yLabel) {
        XYSeriesCollection data = new XYSeriesCollection(points);
        data.addSeries(line);
        XYLineAndShapeRenderer r = scatter();
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, Color.DARK_GRAY);
        return new XYPlot(data, axis(xLabel), axis(yLabel), r);
    }

    private static XYSeries points(String name, double[] x, double[] y) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                s.add(x[i], y[i]);
            }
        }
        return s;
    }

    private static XYLineAndShapeRenderer scatter() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, new Color(31, 119, 180, 110));
        r.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        return r;
    }

    private static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).max().orElse(1);
    }

    private static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
        chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String svg(String id, JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle(width, height));
        return g.getSVGElement(id);
    }
}
