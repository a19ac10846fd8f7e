package dev.vigil.stream.detect;

import java.time.Duration;

/**
 * When the micro-batcher runs the detector.
 *
 * @param maxBatchSize flush as soon as this many frames are buffered (B)
 * @param maxWait      flush when the oldest buffered frame has waited this long (T), wall clock
 * @param staleAfter   frames older than this (capture to their turn) are not run but reported as
 *                     {@code SKIPPED_STALE}; {@code null} turns skipping off (replays)
 */
public record BatchingSettings(int maxBatchSize, Duration maxWait, Duration staleAfter) {

    /** Measured best on the 2-core CPU (docs/benchmarks.md): libtorch gains nothing from batching there; raise it on a GPU. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 1;

    public static final long DEFAULT_MAX_WAIT_MS = 100;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(DEFAULT_MAX_WAIT_MS);

    public BatchingSettings {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("Batch size must be at least 1, got " + maxBatchSize);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("Batch wait must be positive, got " + maxWait);
        }
    }

    /** B = {@value #DEFAULT_MAX_BATCH_SIZE}, T = {@value #DEFAULT_MAX_WAIT_MS} ms, no stale skipping. */
    public static BatchingSettings defaults() {
        return new BatchingSettings(DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_WAIT, null);
    }

    /** How often the wall-clock punctuator looks at the oldest frame. */
    Duration punctuateInterval() {
        return Duration.ofMillis(Math.max(5, maxWait.toMillis() / 4));
    }
}
