package dev.vigil.model.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** Vigil's look of a chart, shared by {@link LinePlot} and {@link BarPlot}, and the PNG files they are written to. */
public final class ChartStyle {

    static final Color GRID = new Color(0xe0e0e0);
    private static final int TITLE_FONT_SIZE = 16;
    private static final int LABEL_FONT_SIZE = 13;
    private static final int TICK_FONT_SIZE = 11;

    private ChartStyle() {}

    /** Needs no display: {@code java.awt.headless=true} unless the JVM chose otherwise. Call before AWT starts. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * {@code plot} with its title above it and its legend below the x axis, outside the plot area, so that it hides
     * no line or bar; white backgrounds and a black outline.
     */
    static JFreeChart chart(Plot plot, String title) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.BLACK);
        JFreeChart chart = new JFreeChart(plot);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, TITLE_FONT_SIZE)));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, TICK_FONT_SIZE));
        legend.setFrame(new BlockBorder(Color.GRAY));
        legend.setBackgroundPaint(Color.WHITE);
        legend.setMargin(new RectangleInsets(4, 4, 4, 4));
        return chart;
    }

    /** The fonts of axis labels and tick labels. */
    static void axes(Axis... axes) {
        for (Axis axis : axes) {
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, LABEL_FONT_SIZE));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, TICK_FONT_SIZE));
        }
    }

    /** Writes {@code image} as a PNG file, creating missing parent folders. */
    public static void writePng(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot PNG " + file, e);
        }
    }
}
