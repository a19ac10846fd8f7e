package dev.vigil.model.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A line chart of several named series, drawn by JFreeChart into a fixed-size image and written as PNG: title, axis
 * labels, ticks with grid lines (whole numbers only on an x axis of whole numbers), a legend below the plot area,
 * optionally a log-scaled y axis. Needs no display
 * ({@code java.awt.headless=true} is set unless the JVM chose otherwise). Immutable; build with {@link #builder}.
 *
 * <pre>{@code
 * LinePlot.builder("Training loss", "iteration", "loss").logY(true)
 *         .series(new PlotSeries("total", steps, losses)).build().writePng(Path.of("loss.png"));
 * }</pre>
 */
public final class LinePlot {

    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;
    /** The smallest image the layout (labels, legend) fits in. */
    public static final int MIN_SIZE = 200;

    /** Matplotlib's "tab10" colours: series i is drawn in {@code PALETTE[i % 10]}. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };

    private static final float LINE_WIDTH = 2f;
    private static final double LOG_RANGE_SLACK = 1.0001;

    static {
        ChartStyle.headless();
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<PlotSeries> series;
    private final boolean logY;
    private final int width;
    private final int height;
    /** {min, max} of the y axis as asked, or null to fit the data. */
    private final double[] yLimits;

    private LinePlot(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.series = List.copyOf(b.series);
        this.logY = b.logY;
        this.width = b.width;
        this.height = b.height;
        this.yLimits = b.yLimits;
    }

    public static Builder builder(String title, String xLabel, String yLabel) {
        return new Builder(title, xLabel, yLabel);
    }

    /** The colour series number {@code index} (in the order added) is drawn in. */
    public static Color seriesColor(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /** Writes the chart as a PNG file, creating missing parent folders. */
    public void writePng(Path file) {
        ChartStyle.writePng(render(), file);
    }

    /** Draws the chart into a new width×height image. */
    public BufferedImage render() {
        return chart().createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }

    JFreeChart chart() {
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < series.size(); s++) {
            PlotSeries line = series.get(s);
            XYSeries points = new XYSeries(line.name(), false, true);
            double[] x = line.x();
            double[] y = drawableY(line);
            for (int i = 0; i < x.length; i++) {
                points.add(x[i], y[i]);
            }
            lines.addSeries(points);
            renderer.setSeriesPaint(s, seriesColor(s));
            renderer.setSeriesStroke(s, new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        if (wholeNumbersOnX()) {
            xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // no tick at 2.5 cameras
        }
        XYPlot plot = new XYPlot(lines, xAxis, yAxis(), renderer);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        ChartStyle.axes(plot.getDomainAxis(), plot.getRangeAxis());
        return ChartStyle.chart(plot, title);
    }

    /** Whether every x value is a whole number (counts of cameras, iterations, proposals). */
    private boolean wholeNumbersOnX() {
        for (PlotSeries line : series) {
            for (double x : line.x()) {
                if (x != Math.rint(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A linear axis fitted to the data, or a base-10 log axis over whole decades, unless a range was asked for. */
    private ValueAxis yAxis() {
        if (!logY) {
            NumberAxis axis = new NumberAxis(yLabel);
            axis.setAutoRangeIncludesZero(false);
            if (yLimits != null) {
                axis.setRange(yLimits[0], yLimits[1]);
            }
            return axis;
        }
        LogAxis axis = new LogAxis(yLabel);
        axis.setBase(10);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(new DecimalFormat("0.####"));
        double[] range = yLimits != null ? yLimits : wholeDecades();
        // a hair wider, so that rounding in log10 does not drop the ticks at the ends
        axis.setRange(range[0] / LOG_RANGE_SLACK, range[1] * LOG_RANGE_SLACK);
        return axis;
    }

    /** The decades around the drawable y values, so that the log axis is labelled at both ends. */
    private double[] wholeDecades() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (PlotSeries line : series) {
            for (double y : drawableY(line)) {
                if (!Double.isNaN(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        double low = Math.floor(Math.log10(min));
        double high = Math.max(Math.ceil(Math.log10(max)), low + 1);
        return new double[] {Math.pow(10, low), Math.pow(10, high)};
    }

    /** The series' y values with every point that is not drawn set to NaN, where the line breaks. */
    private double[] drawableY(PlotSeries line) {
        double[] y = line.y();
        for (int i = 0; i < y.length; i++) {
            if (!line.isDrawable(i, logY)) {
                y[i] = Double.NaN;
            }
        }
        return y;
    }

    /** Collects the chart's settings; {@link #build} checks that every series has a point to draw. */
    public static final class Builder {
        private final String title;
        private final String xLabel;
        private final String yLabel;
        private final List<PlotSeries> series = new ArrayList<>();
        private boolean logY;
        private int width = DEFAULT_WIDTH;
        private int height = DEFAULT_HEIGHT;
        private double[] yLimits;

        private Builder(String title, String xLabel, String yLabel) {
            this.title = title == null ? "" : title;
            this.xLabel = xLabel == null ? "" : xLabel;
            this.yLabel = yLabel == null ? "" : yLabel;
        }

        public Builder series(PlotSeries line) {
            series.add(line);
            return this;
        }

        public Builder series(String name, double[] x, double[] y) {
            return series(new PlotSeries(name, x, y));
        }

        /** Base-10 log scale on y; points with y ≤ 0 are then not drawn. */
        public Builder logY(boolean logY) {
            this.logY = logY;
            return this;
        }

        /** A fixed y range (e.g. 0 to 1 for recall) instead of one fitted to the data. */
        public Builder yRange(double min, double max) {
            if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
                throw new IllegalArgumentException(
                        "y range must be finite with min < max, got [" + min + ", " + max + "]");
            }
            this.yLimits = new double[] {min, max};
            return this;
        }

        public Builder size(int width, int height) {
            if (width < MIN_SIZE || height < MIN_SIZE) {
                throw new IllegalArgumentException(
                        "plot size " + width + "x" + height + " is below the minimum " + MIN_SIZE + "x" + MIN_SIZE);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        public LinePlot build() {
            if (logY && yLimits != null && yLimits[0] <= 0) {
                throw new IllegalArgumentException("plot '" + title + "': a log y axis needs a positive y range, got ["
                        + yLimits[0] + ", " + yLimits[1] + "]");
            }
            if (series.isEmpty()) {
                throw new IllegalArgumentException("plot '" + title + "' has no series");
            }
            for (PlotSeries line : series) {
                boolean anyDrawable = false;
                for (int i = 0; i < line.size() && !anyDrawable; i++) {
                    anyDrawable = line.isDrawable(i, logY);
                }
                if (!anyDrawable) {
                    throw new IllegalArgumentException("plot '" + title + "': series '" + line.name()
                            + "' has no drawable point (empty, all NaN/infinite"
                            + (logY ? ", or all ≤ 0 on log y)" : ")"));
                }
            }
            return new LinePlot(this);
        }
    }
}
