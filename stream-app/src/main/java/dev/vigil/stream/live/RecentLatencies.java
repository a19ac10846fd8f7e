package dev.vigil.stream.live;

import java.util.Arrays;

/** The last {@code capacity} latencies, for percentiles. Not thread-safe (its camera guards it). */
final class RecentLatencies {

    private final long[] values;
    private int next;
    private int size;

    RecentLatencies(int capacity) {
        values = new long[capacity];
    }

    void add(long millis) {
        values[next] = millis;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    /** The {@code quantile} (nearest rank) of the values held, or -1 when there are none. */
    long percentile(double quantile) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
