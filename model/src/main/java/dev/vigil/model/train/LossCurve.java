package dev.vigil.model.train;

import dev.vigil.model.plot.LinePlot;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The loss curves of a run as a PNG: each term and the total against the run's iteration, smoothed. */
public final class LossCurve {

    public static final String FILE = "loss-curve.png";
    /** Iterations averaged per plotted point. */
    public static final int SMOOTHING = 20;

    private LossCurve() {}

    public static void write(Path png, List<TrainingLog.Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no logged iterations to plot in " + png);
        }
        LinePlot.Builder plot = LinePlot.builder(
                        "Training losses", "iteration (all phases)", "loss (mean of " + SMOOTHING + ")")
                .logY(true);
        plot.series("total", x(entries), smoothed(entries, e -> e.losses().total()));
        plot.series(
                "rpn objectness", x(entries), smoothed(entries, e -> e.losses().rpnObjectness()));
        plot.series("rpn box", x(entries), smoothed(entries, e -> e.losses().rpnBox()));
        plot.series("classifier", x(entries), smoothed(entries, e -> e.losses().classifier()));
        plot.series(
                "box regression", x(entries), smoothed(entries, e -> e.losses().boxRegression()));
        plot.build().writePng(png);
    }

    private static double[] x(List<TrainingLog.Entry> entries) {
        double[] x = new double[entries.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return x;
    }

    /** A trailing mean over {@link #SMOOTHING} points, NaN where the term was not computed. */
    private static double[] smoothed(List<TrainingLog.Entry> entries, ToDoubleFunction<TrainingLog.Entry> term) {
        double[] y = new double[entries.size()];
        for (int i = 0; i < y.length; i++) {
            double sum = 0;
            int n = 0;
            for (int j = Math.max(0, i - SMOOTHING + 1); j <= i; j++) {
                double v = term.applyAsDouble(entries.get(j));
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            y[i] = Double.isNaN(term.applyAsDouble(entries.get(i))) || n == 0 ? Double.NaN : sum / n;
        }
        return y;
    }
}
