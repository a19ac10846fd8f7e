package dev.vigil.model.plot;

/**
 * One named line of a {@link LinePlot}: points (x[i], y[i]). NaN or infinite points, and on a log axis values
 * ≤ 0, are not drawn and break the line there.
 *
 * @param name the legend's text
 */
public record PlotSeries(String name, double[] x, double[] y) {

    public PlotSeries {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank");
        }
        if (x == null || y == null) {
            throw new IllegalArgumentException("series '" + name + "': x and y must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "series '" + name + "': x has " + x.length + " values but y has " + y.length);
        }
        x = x.clone();
        y = y.clone();
    }

    /** A series over x = 0, 1, 2, ... (e.g. a loss per logged step). */
    public static PlotSeries ofY(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new PlotSeries(name, x, y);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    int size() {
        return x.length;
    }

    /** Whether point i is drawn: both coordinates finite, and y > 0 on a log axis. */
    boolean isDrawable(int i, boolean logY) {
        return Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logY || y[i] > 0);
    }
}
