package dev.vigil.model.plot;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
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

    static {
        ChartStyle.headless();
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
        ChartStyle.writePng(render(), file);
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
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        ChartStyle.axes(xAxis, yAxis);
        JFreeChart chart = ChartStyle.chart(plot, title);
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
