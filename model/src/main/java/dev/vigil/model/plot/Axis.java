package dev.vigil.model.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plot axis: its drawn range, tick values and the mapping of a value to a fraction of the axis length.
 * Linear axes get "nice" ticks (1, 2 or 5 × 10^k, Heckbert's Graphics Gems algorithm) with the range widened to
 * whole ticks; log axes get one tick per decade with the range widened to whole decades.
 */
final class Axis {

    /** Relative padding of a degenerate (single-value) linear range. */
    private static final double DEGENERATE_PAD = 0.5;

    private final double lower;
    private final double upper;
    private final boolean log;
    private final double[] ticks;
    private final int fractionDigits;

    private Axis(double lower, double upper, boolean log, double[] ticks, int fractionDigits) {
        this.lower = lower;
        this.upper = upper;
        this.log = log;
        this.ticks = ticks;
        this.fractionDigits = fractionDigits;
    }

    /** A linear axis over [min, max] with about {@code targetTicks} nice ticks. */
    static Axis linear(double min, double max, int targetTicks) {
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * DEGENERATE_PAD;
            min -= pad;
            max += pad;
        }
        double range = niceNumber(max - min, false);
        double step = niceNumber(range / Math.max(1, targetTicks - 1), true);
        double lower = Math.floor(min / step) * step;
        double upper = Math.ceil(max / step) * step;
        int count = (int) Math.round((upper - lower) / step) + 1;
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) {
            ticks[i] = lower + i * step;
        }
        int fractionDigits = Math.max(0, (int) -Math.floor(Math.log10(step)));
        return new Axis(lower, upper, false, ticks, fractionDigits);
    }

    /** A base-10 log axis over [min, max] (both > 0), widened to whole decades. */
    static Axis logarithmic(double min, double max) {
        int low = (int) Math.floor(Math.log10(min));
        int high = (int) Math.ceil(Math.log10(max));
        if (high == low) {
            high++;
        }
        List<Double> ticks = new ArrayList<>();
        for (int k = low; k <= high; k++) {
            ticks.add(Math.pow(10, k));
        }
        return new Axis(
                Math.pow(10, low),
                Math.pow(10, high),
                true,
                ticks.stream().mapToDouble(Double::doubleValue).toArray(),
                0);
    }

    /** Where {@code value} lies on the axis: 0 at the lower end, 1 at the upper end. */
    double fraction(double value) {
        if (log) {
            return (Math.log10(value) - Math.log10(lower)) / (Math.log10(upper) - Math.log10(lower));
        }
        return (value - lower) / (upper - lower);
    }

    double[] ticks() {
        return ticks.clone();
    }

    double lower() {
        return lower;
    }

    double upper() {
        return upper;
    }

    String label(double tick) {
        if (log) {
            int exponent = (int) Math.round(Math.log10(tick));
            return exponent >= 0 && exponent <= 4 ? String.format(Locale.ROOT, "%.0f", tick) : "1e" + exponent;
        }
        double cleaned = Math.abs(tick) < 1e-12 * (upper - lower) ? 0 : tick;
        return String.format(Locale.ROOT, "%." + fractionDigits + "f", cleaned);
    }

    /** The nice number (1, 2, 5 or 10 × 10^k) nearest to {@code x} (rounded) or at least {@code x}. */
    private static double niceNumber(double x, boolean round) {
        double exponent = Math.floor(Math.log10(x));
        double fraction = x / Math.pow(10, exponent);
        double nice;
        if (round) {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        }
        return nice * Math.pow(10, exponent);
    }
}
