package dev.vigil.model.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A grouped bar chart (one group per category, one bar per series in it), drawn by JFreeChart into a fixed-size
 * image and written as PNG in {@link LinePlot}'s look: title, axis labels, grid lines, legend, the same colours.
 * Immutable; build with {@link #builder}.
 *
 * <pre>{@code
 * BarPlot.builder("Agreement per class", "class", "boxes")
 *         .series("matched", Map.of("person", 120.0, "car", 14.0)).build().writePng(Path.of("compare.png"));
 * }</pre>
 */
public final class BarPlot {

    private static final Color GRID = new Color(0xe0e0e0);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Map<String, Map<String, Double>> series;
    private final int width;
    private final int height;

    private BarPlot(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.series = new LinkedHashMap<>(b.series);
        this.width = b.width;
        this.height = b.height;
    }

    public static Builder builder(String title, String xLabel, String yLabel) {
        return new Builder(title, xLabel, yLabel);
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

    /** Draws the chart into a new width×height image. */
    public BufferedImage render() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((name, values) -> values.forEach((category, value) -> data.addValue(value, name, category)));
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, LinePlot.seriesColor(s));
        }
        CategoryAxis xAxis = new CategoryAxis(xLabel);
        NumberAxis yAxis = new NumberAxis(yLabel);
        CategoryPlot plot = new CategoryPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(Color.BLACK);
        for (var axis : List.of(xAxis, yAxis)) {
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
        JFreeChart chart = new JFreeChart(plot);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 16)));
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getLegend().setFrame(new BlockBorder(Color.GRAY));
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }

    /** Collects the chart's parts; series are drawn in the order added. */
    public static final class Builder {
        private final String title;
        private final String xLabel;
        private final String yLabel;
        private final Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        private int width = LinePlot.DEFAULT_WIDTH;
        private int height = LinePlot.DEFAULT_HEIGHT;

        private Builder(String title, String xLabel, String yLabel) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        /** One bar per category, in the map's order (categories first seen here come first on the axis). */
        public Builder series(String name, Map<String, Double> valueByCategory) {
            if (series.containsKey(name)) {
                throw new IllegalArgumentException("series '" + name + "' added twice");
            }
            series.put(name, new LinkedHashMap<>(valueByCategory));
            return this;
        }

        public Builder size(int newWidth, int newHeight) {
            if (newWidth < LinePlot.MIN_SIZE || newHeight < LinePlot.MIN_SIZE) {
                throw new IllegalArgumentException(
                        "a plot needs at least " + LinePlot.MIN_SIZE + "x" + LinePlot.MIN_SIZE + " pixels");
            }
            width = newWidth;
            height = newHeight;
            return this;
        }

        public BarPlot build() {
            if (series.isEmpty()) {
                throw new IllegalArgumentException("a bar plot needs at least one series");
            }
            List<String> empty = new ArrayList<>();
            series.forEach((name, values) -> {
                if (values.isEmpty()) {
                    empty.add(name);
                }
            });
            if (empty.size() == series.size()) {
                throw new IllegalArgumentException("every series is empty: " + empty);
            }
            return new BarPlot(this);
        }
    }
}
