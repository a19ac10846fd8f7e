package dev.vigil.stream.demo;

import java.util.Arrays;

/** Capture-to-event latencies of the last interval, for percentiles. Thread-safe. */
final class LatencyWindow {

    private long[] values = new long[64];
    private int count;

    synchronized void add(long millis) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = millis;
    }

    /** The window's percentiles (nearest rank), then empties it; {@code null} when nothing arrived. */
    synchronized long[] drainPercentiles(double... quantiles) {
        if (count == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        long[] out = new long[quantiles.length];
        for (int i = 0; i < quantiles.length; i++) {
            int rank = (int) Math.ceil(quantiles[i] * sorted.length);
            out[i] = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
        count = 0;
        return out;
    }
}
