package dev.vigil.model.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final double[] FIVE_X = {0, 1, 2, 3, 4};

    @Test
    void writesAPngOfTheAskedSize(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/loss.png");
        LinePlot.builder("loss", "step", "value")
                .size(640, 360)
                .series("total", FIVE_X, new double[] {4, 3, 2.5, 2, 1.8})
                .build()
                .writePng(file);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(PNG_SIGNATURE);
        try (InputStream in = Files.newInputStream(file)) {
            BufferedImage read = ImageIO.read(in);
            assertThat(read.getWidth()).isEqualTo(640);
            assertThat(read.getHeight()).isEqualTo(360);
        }
    }

    @Test
    void everySeriesIsDrawnInItsOwnColour() {
        BufferedImage image = LinePlot.builder("two", "x", "y")
                .series("rising", FIVE_X, new double[] {0, 1, 2, 3, 4})
                .series("falling", FIVE_X, new double[] {4, 3, 2, 1, 0})
                .build()
                .render();

        int legendSwatchPixels = 40;
        assertThat(countPixels(image, LinePlot.seriesColor(0).getRGB())).isGreaterThan(5 * legendSwatchPixels);
        assertThat(countPixels(image, LinePlot.seriesColor(1).getRGB())).isGreaterThan(5 * legendSwatchPixels);
        assertThat(countPixels(image, LinePlot.seriesColor(2).getRGB()))
                .as("no third series")
                .isZero();
    }

    @Test
    void nanPointsAreSkippedAndBreakTheLine() {
        double[] other = {0, 1, 2, 3, 4};
        BufferedImage full = LinePlot.builder("t", "x", "y")
                .series("flat", FIVE_X, new double[] {2, 2, 2, 2, 2})
                .series("range", FIVE_X, other)
                .build()
                .render();
        BufferedImage gapped = LinePlot.builder("t", "x", "y")
                .series("flat", FIVE_X, new double[] {2, 2, Double.NaN, 2, 2})
                .series("range", FIVE_X, other)
                .build()
                .render();

        int fullPixels = countPixels(full, LinePlot.seriesColor(0).getRGB());
        int gappedPixels = countPixels(gapped, LinePlot.seriesColor(0).getRGB());
        assertThat(gappedPixels).isPositive();
        assertThat((double) gappedPixels / fullPixels)
                .as("two of four segments drawn")
                .isCloseTo(0.5, within(0.1));
    }

    @Test
    void logYSkipsNonPositiveValuesAndDrawsTheRest() {
        BufferedImage image = LinePlot.builder("log", "x", "y")
                .logY(true)
                .series("decay", FIVE_X, new double[] {0, 100, 10, 1, 0.1})
                .build()
                .render();
        assertThat(countPixels(image, LinePlot.seriesColor(0).getRGB())).isGreaterThan(200);
    }

    @Test
    void seriesWithoutDrawablePointsIsRejectedByName() {
        assertThatThrownBy(() -> LinePlot.builder("t", "x", "y")
                        .series("empty", new double[0], new double[0])
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'empty'");
        assertThatThrownBy(() -> LinePlot.builder("t", "x", "y")
                        .series("allNaN", new double[] {1, 2}, new double[] {Double.NaN, Double.NaN})
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'allNaN'");
        assertThatThrownBy(() -> LinePlot.builder("t", "x", "y")
                        .logY(true)
                        .series("zeros", new double[] {1, 2}, new double[] {0, 0})
                        .build())
                .hasMessageContaining("'zeros'")
                .hasMessageContaining("log");
        assertThatThrownBy(() -> LinePlot.builder("t", "x", "y").build()).hasMessageContaining("no series");
    }

    @Test
    void mismatchedLengthsAndTinySizesAreRejected() {
        assertThatThrownBy(() -> new PlotSeries("s", new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s'")
                .hasMessageContaining("3");
        assertThatThrownBy(() -> LinePlot.builder("t", "x", "y").size(50, 400))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("50x400");
    }

    @Test
    void aFixedYRangeMovesTheLine() {
        double[] high = {0.9, 0.9, 0.9, 0.9, 0.9};
        BufferedImage fitted = LinePlot.builder("t", "x", "y")
                .series("flat", FIVE_X, high)
                .build()
                .render();
        BufferedImage fixed = LinePlot.builder("t", "x", "y")
                .yRange(0, 1)
                .series("flat", FIVE_X, high)
                .build()
                .render();
        int colour = LinePlot.seriesColor(0).getRGB();
        assertThat(rowsWithColour(fixed, colour)).isNotEqualTo(rowsWithColour(fitted, colour));
        assertThatThrownBy(() -> LinePlot.builder("t", "x", "y").yRange(1, 1)).hasMessageContaining("min < max");
        assertThatThrownBy(() -> LinePlot.builder("t", "x", "y")
                        .logY(true)
                        .yRange(0, 1)
                        .series("flat", FIVE_X, high)
                        .build())
                .hasMessageContaining("positive y range");
    }

    @Test
    void singlePointSeriesGetsAWidenedRange() {
        BufferedImage image = LinePlot.builder("one", "x", "y")
                .series("point", new double[] {3}, new double[] {7})
                .build()
                .render();
        assertThat(image.getWidth()).isEqualTo(LinePlot.DEFAULT_WIDTH);
    }

    @Test
    void theLegendLiesOutsideThePlotAreaSoItHidesNoLine() {
        // lines ending in the top right corner, where a legend inside the plot area would cover them
        LinePlot plot = LinePlot.builder("t", "x", "y")
                .series("rising", FIVE_X, new double[] {0, 1, 2, 3, 4})
                .series("a series with a long name", FIVE_X, new double[] {0, 2, 3, 3.5, 4})
                .build();
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = plot.chart()
                .createBufferedImage(LinePlot.DEFAULT_WIDTH, LinePlot.DEFAULT_HEIGHT, BufferedImage.TYPE_INT_RGB, info);
        Rectangle2D dataArea = info.getPlotInfo().getDataArea();
        int legendFrame = Color.GRAY.getRGB();
        int inside = 0;
        int below = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (legendFrame & 0xffffff)) {
                    if (dataArea.contains(x, y)) {
                        inside++;
                    } else if (y > dataArea.getMaxY()) {
                        below++;
                    }
                }
            }
        }
        assertThat(below).as("the legend's frame below the plot area").isGreaterThan(100);
        assertThat(inside).as("legend pixels inside the plot area").isZero();
    }

    @Test
    void anXAxisOfWholeNumbersHasWholeNumberTicksOnly() {
        assertThat(xTickUnit(new double[] {2, 3, 4}))
                .as("cameras 2, 3, 4: no tick at 2.5")
                .isEqualTo(1.0);
        assertThat(xTickUnit(new double[] {0.1, 0.2, 0.3}))
                .as("fractional x keeps fractional ticks")
                .isLessThan(1.0);
    }

    /** The x axis' tick spacing JFreeChart chose when it drew series at {@code x}. */
    private static double xTickUnit(double[] x) {
        JFreeChart chart = LinePlot.builder("t", "x", "y")
                .series("s", x, new double[x.length])
                .build()
                .chart();
        chart.createBufferedImage(LinePlot.DEFAULT_WIDTH, LinePlot.DEFAULT_HEIGHT);
        return ((NumberAxis) chart.getXYPlot().getDomainAxis()).getTickUnit().getSize();
    }

    /** The rows holding at least 100 pixels of the colour: where a horizontal line lies. */
    private static List<Integer> rowsWithColour(BufferedImage image, int rgb) {
        List<Integer> rows = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            int count = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff) ? 1 : 0;
            }
            if (count >= 100) {
                rows.add(y);
            }
        }
        return rows;
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff)) {
                    count++;
                }
            }
        }
        return count;
    }
}
