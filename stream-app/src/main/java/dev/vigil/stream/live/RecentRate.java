package dev.vigil.stream.live;

import java.util.ArrayDeque;

/** Occurrences per second over a sliding window of wall-clock time. Not thread-safe (its camera guards it). */
final class RecentRate {

    private final long windowMillis;
    private final ArrayDeque<Long> times = new ArrayDeque<>();

    RecentRate(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    void add(long nowMillis) {
        times.addLast(nowMillis);
        forgetBefore(nowMillis - windowMillis);
    }

    /** Occurrences per second in the window that ends now; 0 when none. */
    double perSecond(long nowMillis) {
        forgetBefore(nowMillis - windowMillis);
        return times.size() * 1000.0 / windowMillis;
    }

    private void forgetBefore(long oldestMillis) {
        while (!times.isEmpty() && times.peekFirst() < oldestMillis) {
            times.removeFirst();
        }
    }
}
