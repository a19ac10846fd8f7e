package dev.vigil.stream.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter between attempts, optionally giving up after a number of consecutive failed
 * attempts. Not thread-safe: one per camera or connection.
 */
public final class Backoff {

    public static final Duration DEFAULT_INITIAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(30);
    public static final double DEFAULT_JITTER = 0.2;
    /** {@code maxRetries} value for "retry for ever". */
    public static final int UNLIMITED = 0;

    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;
    private final RandomGenerator random;
    private final int maxRetries;
    private long nextMillis;
    private int retries;

    /**
     * @param jitter fraction (0..1) by which each delay is randomly lengthened or shortened
     */
    public Backoff(Duration initial, Duration max, double jitter, RandomGenerator random) {
        this(initial, max, jitter, random, UNLIMITED);
    }

    /**
     * @param maxRetries consecutive retries after which {@link #exhausted()} holds ({@link #UNLIMITED}: never)
     */
    public Backoff(Duration initial, Duration max, double jitter, RandomGenerator random, int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("Retry limit must be 0 (unlimited) or more, got " + maxRetries);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.random = random;
        this.maxRetries = maxRetries;
        this.nextMillis = initialMillis;
    }

    /** Retries for ever, from 0.5 s up to 30 s apart. */
    public static Backoff defaults() {
        return withRetryLimit(UNLIMITED);
    }

    /** The default delays, giving up after {@code maxRetries} consecutive retries ({@link #UNLIMITED}: never). */
    public static Backoff withRetryLimit(int maxRetries) {
        return new Backoff(DEFAULT_INITIAL, DEFAULT_MAX, DEFAULT_JITTER, RandomGenerator.getDefault(), maxRetries);
    }

    /** Whether the retry limit is used up: the caller should give up instead of waiting again. */
    public boolean exhausted() {
        return maxRetries != UNLIMITED && retries >= maxRetries;
    }

    /** The delay before the next attempt; each call doubles the base delay up to the maximum. */
    public Duration nextDelay() {
        retries++;
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(base * factor)));
    }

    /** Back to the initial delay and a fresh retry count, after a success. */
    public void reset() {
        nextMillis = initialMillis;
        retries = 0;
    }
}
