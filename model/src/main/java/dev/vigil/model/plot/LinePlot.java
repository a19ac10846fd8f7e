package dev.vigil.model.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A line chart of several named series drawn with Java2D into a fixed-size image and written as PNG: title, axis
 * labels, nice ticks with grid lines, a legend, optionally a log-scaled y axis. Needs no display
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
    /** About how many ticks a linear axis gets. */
    public static final int DEFAULT_TARGET_TICKS = 6;
    /** The smallest image the layout (labels, legend) fits in. */
    public static final int MIN_SIZE = 200;

    /** Matplotlib's "tab10" colours: series i is drawn in {@code PALETTE[i % 10]}. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };

    private static final Color GRID = new Color(0xe0e0e0);
    private static final float LINE_WIDTH = 2f;
    private static final int TITLE_FONT_SIZE = 16;
    private static final int LABEL_FONT_SIZE = 13;
    private static final int TICK_FONT_SIZE = 11;
    private static final int GAP = 6;
    private static final int TICK_LENGTH = 4;
    private static final int LEGEND_SWATCH = 18;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<PlotSeries> series;
    private final boolean logY;
    private final int width;
    private final int height;
    private final int targetTicks;
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
        this.targetTicks = b.targetTicks;
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
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(render(), "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot PNG " + file, e);
        }
    }

    /** Draws the chart into a new width×height RGB image. */
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            draw(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void draw(Graphics2D g) {
        double[] xRange = range(true);
        double[] yRange = yLimits != null ? yLimits : range(false);
        Axis xAxis = Axis.linear(xRange[0], xRange[1], targetTicks);
        Axis yAxis = logY ? Axis.logarithmic(yRange[0], yRange[1]) : Axis.linear(yRange[0], yRange[1], targetTicks);
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, TICK_FONT_SIZE);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, LABEL_FONT_SIZE);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, TITLE_FONT_SIZE);
        FontMetrics tickMetrics = g.getFontMetrics(tickFont);
        FontMetrics labelMetrics = g.getFontMetrics(labelFont);
        FontMetrics titleMetrics = g.getFontMetrics(titleFont);

        int widestYTick = 0;
        for (double tick : yAxis.ticks()) {
            widestYTick = Math.max(widestYTick, tickMetrics.stringWidth(yAxis.label(tick)));
        }
        int left = GAP + labelMetrics.getHeight() + GAP + widestYTick + TICK_LENGTH + GAP;
        int top = GAP + titleMetrics.getHeight() + GAP;
        int bottom = TICK_LENGTH + GAP + tickMetrics.getHeight() + GAP + labelMetrics.getHeight() + GAP;
        int right = 2 * GAP + tickMetrics.stringWidth(xAxis.label(xAxis.upper())) / 2;
        Rectangle area = new Rectangle(left, top, width - left - right, height - top - bottom);

        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        drawCentred(g, title, width / 2, GAP + titleMetrics.getAscent());
        g.setFont(tickFont);
        drawXTicks(g, xAxis, area, tickMetrics);
        drawYTicks(g, yAxis, area, tickMetrics);
        g.setFont(labelFont);
        drawCentred(g, xLabel, area.x + area.width / 2, height - GAP - labelMetrics.getDescent());
        drawYLabel(g, labelMetrics, area);

        g.setColor(Color.BLACK);
        g.drawRect(area.x, area.y, area.width, area.height);
        drawSeries(g, xAxis, yAxis, area);
        g.setFont(tickFont);
        drawLegend(g, tickMetrics, area);
    }

    private void drawXTicks(Graphics2D g, Axis axis, Rectangle area, FontMetrics metrics) {
        for (double tick : axis.ticks()) {
            int px = area.x + (int) Math.round(axis.fraction(tick) * area.width);
            g.setColor(GRID);
            g.drawLine(px, area.y, px, area.y + area.height);
            g.setColor(Color.BLACK);
            g.drawLine(px, area.y + area.height, px, area.y + area.height + TICK_LENGTH);
            drawCentred(g, axis.label(tick), px, area.y + area.height + TICK_LENGTH + GAP + metrics.getAscent());
        }
    }

    private void drawYTicks(Graphics2D g, Axis axis, Rectangle area, FontMetrics metrics) {
        for (double tick : axis.ticks()) {
            int py = area.y + area.height - (int) Math.round(axis.fraction(tick) * area.height);
            g.setColor(GRID);
            g.drawLine(area.x, py, area.x + area.width, py);
            g.setColor(Color.BLACK);
            g.drawLine(area.x - TICK_LENGTH, py, area.x, py);
            String text = axis.label(tick);
            int textX = area.x - TICK_LENGTH - GAP - metrics.stringWidth(text);
            g.drawString(text, textX, py + (metrics.getAscent() - metrics.getDescent()) / 2);
        }
    }

    private void drawYLabel(Graphics2D g, FontMetrics metrics, Rectangle area) {
        AffineTransform saved = g.getTransform();
        g.translate(GAP + metrics.getAscent(), area.y + area.height / 2);
        g.rotate(-Math.PI / 2);
        drawCentred(g, yLabel, 0, 0);
        g.setTransform(saved);
    }

    private void drawSeries(Graphics2D g, Axis xAxis, Axis yAxis, Rectangle area) {
        Shape savedClip = g.getClip();
        g.clip(area);
        g.setStroke(new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        for (int s = 0; s < series.size(); s++) {
            PlotSeries line = series.get(s);
            Path2D.Double path = new Path2D.Double();
            boolean penDown = false;
            for (int i = 0; i < line.size(); i++) {
                if (!line.isDrawable(i, logY)) {
                    penDown = false;
                    continue;
                }
                double px = area.x + xAxis.fraction(line.xAt(i)) * area.width;
                double py = area.y + area.height - yAxis.fraction(line.yAt(i)) * area.height;
                if (penDown) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    penDown = true;
                }
            }
            g.setColor(seriesColor(s));
            g.draw(path);
        }
        g.setStroke(new BasicStroke());
        g.setClip(savedClip);
    }

    private void drawLegend(Graphics2D g, FontMetrics metrics, Rectangle area) {
        int widestName = 0;
        for (PlotSeries line : series) {
            widestName = Math.max(widestName, metrics.stringWidth(line.name()));
        }
        int rowHeight = metrics.getHeight();
        int boxWidth = GAP + LEGEND_SWATCH + GAP + widestName + GAP;
        int boxHeight = GAP + series.size() * rowHeight + GAP;
        int boxX = area.x + area.width - GAP - boxWidth;
        int boxY = area.y + GAP;
        g.setColor(Color.WHITE);
        g.fillRect(boxX, boxY, boxWidth, boxHeight);
        g.setColor(Color.GRAY);
        g.drawRect(boxX, boxY, boxWidth, boxHeight);
        for (int s = 0; s < series.size(); s++) {
            int rowMiddle = boxY + GAP + s * rowHeight + rowHeight / 2;
            g.setColor(seriesColor(s));
            g.fillRect(boxX + GAP, rowMiddle - 1, LEGEND_SWATCH, (int) LINE_WIDTH);
            g.setColor(Color.BLACK);
            g.drawString(
                    series.get(s).name(),
                    boxX + GAP + LEGEND_SWATCH + GAP,
                    rowMiddle + (metrics.getAscent() - metrics.getDescent()) / 2);
        }
    }

    private static void drawCentred(Graphics2D g, String text, int centreX, int baselineY) {
        g.drawString(text, centreX - g.getFontMetrics().stringWidth(text) / 2, baselineY);
    }

    /** The {min, max} of the drawable x (or y) values over all series. */
    private double[] range(boolean ofX) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (PlotSeries line : series) {
            for (int i = 0; i < line.size(); i++) {
                if (line.isDrawable(i, logY)) {
                    double value = ofX ? line.xAt(i) : line.yAt(i);
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        return new double[] {min, max};
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
        private int targetTicks = DEFAULT_TARGET_TICKS;
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

        /** A fixed y range (e.g. 0 to 1 for recall) instead of one fitted to the data; lines leaving it are cut. */
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

        public Builder targetTicks(int targetTicks) {
            if (targetTicks < 2) {
                throw new IllegalArgumentException("targetTicks must be at least 2, got " + targetTicks);
            }
            this.targetTicks = targetTicks;
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
