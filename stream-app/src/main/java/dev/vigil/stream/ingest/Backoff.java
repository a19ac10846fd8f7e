package dev.vigil.stream.ingest;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential back-off with jitter between reconnect attempts. Not thread-safe: one per camera. */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;
    private final RandomGenerator random;
    private long nextMillis;

    /**
     * @param jitter fraction (0..1) by which each delay is randomly lengthened or shortened
     */
    public Backoff(Duration initial, Duration max, double jitter, RandomGenerator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.random = random;
        this.nextMillis = initialMillis;
    }

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, RandomGenerator.getDefault());
    }

    /** The delay before the next attempt; each call doubles the base delay up to the maximum. */
    public Duration nextDelay() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(base * factor)));
    }

    /** Back to the initial delay, after a success. */
    public void reset() {
        nextMillis = initialMillis;
    }
}
