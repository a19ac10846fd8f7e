package dev.vigil.stream.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram: counts of observations at or below each upper bound, their sum and their count. Safe to
 * observe from several threads; a {@link #snapshot} taken meanwhile may lag an observation by one bucket.
 */
public final class Histogram {

    private final double[] upperBounds;
    private final LongAdder[] counts;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    /** @param upperBounds the buckets' upper bounds ({@code le}), strictly increasing; {@code +Inf} is implied */
    public Histogram(double... upperBounds) {
        if (upperBounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bucket bound");
        }
        for (int i = 0; i < upperBounds.length; i++) {
            if (!Double.isFinite(upperBounds[i]) || i > 0 && upperBounds[i] <= upperBounds[i - 1]) {
                throw new IllegalArgumentException(
                        "bucket bounds must be finite and strictly increasing, got " + Arrays.toString(upperBounds));
            }
        }
        this.upperBounds = upperBounds.clone();
        this.counts = new LongAdder[upperBounds.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Records one value (NaN is ignored). */
    public void observe(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        int bucket = Arrays.binarySearch(upperBounds, value);
        int first = bucket >= 0 ? bucket : -bucket - 1;
        if (first < counts.length) {
            counts[first].increment();
        }
        count.increment();
        sum.add(value);
    }

    /** The counts as Prometheus exposes them: cumulative per bound. */
    public Snapshot snapshot() {
        long[] cumulative = new long[upperBounds.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i].sum();
            cumulative[i] = running;
        }
        long total = Math.max(count.sum(), running);
        return new Snapshot(upperBounds.clone(), cumulative, sum.sum(), total);
    }

    /**
     * @param upperBounds the bounds, without {@code +Inf}
     * @param cumulativeCounts observations at or below each bound
     * @param sum of all observations
     * @param count all observations (the {@code +Inf} bucket)
     */
    public record Snapshot(double[] upperBounds, long[] cumulativeCounts, double sum, long count) {}
}
