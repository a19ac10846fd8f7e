package dev.vigil.schemas.registry.server;

import java.time.Duration;

/**
 * How much the embedded registry takes in at once, so that no client can exhaust the memory of the JVM it shares
 * with the broker: at most {@code maxConcurrentRequests × maxRequestBytes} of request bodies are held at a time.
 *
 * @param maxRequestBytes largest request body; a larger one is answered 413 without being read. Confluent's registry
 *     caps bodies the same way ({@code size.limit.filter.max.request.body.size}, 1 MiB)
 * @param maxConcurrentRequests requests handled at once
 * @param maxQueuedRequests requests that wait for a turn when {@code maxConcurrentRequests} are in progress; more are
 *     answered 503 at once
 * @param maxQueueWait how long a request waits for its turn before it is answered 503
 */
public record RegistryLimits(
        long maxRequestBytes, int maxConcurrentRequests, int maxQueuedRequests, Duration maxQueueWait) {

    /** 1 MiB, Confluent's default: Avro schemas are a few kilobytes. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 8;
    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 64;
    public static final int DEFAULT_MAX_QUEUE_WAIT_SECONDS = 10;
    public static final Duration DEFAULT_MAX_QUEUE_WAIT = Duration.ofSeconds(DEFAULT_MAX_QUEUE_WAIT_SECONDS);

    public RegistryLimits {
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException(
                    "The registry's largest request body must be at least 1 byte, got " + maxRequestBytes);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "The registry must handle at least 1 request at a time, got " + maxConcurrentRequests);
        }
        if (maxQueuedRequests < 0) {
            throw new IllegalArgumentException(
                    "The registry's request queue cannot be negative, got " + maxQueuedRequests);
        }
        if (maxQueueWait == null || maxQueueWait.isNegative()) {
            throw new IllegalArgumentException("The registry's queue wait must be zero or more, got " + maxQueueWait);
        }
    }

    public static RegistryLimits defaults() {
        return new RegistryLimits(
                DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_MAX_CONCURRENT_REQUESTS,
                DEFAULT_MAX_QUEUED_REQUESTS,
                DEFAULT_MAX_QUEUE_WAIT);
    }

    public RegistryLimits withMaxRequestBytes(long bytes) {
        return new RegistryLimits(bytes, maxConcurrentRequests, maxQueuedRequests, maxQueueWait);
    }

    public RegistryLimits withMaxConcurrentRequests(int requests) {
        return new RegistryLimits(maxRequestBytes, requests, maxQueuedRequests, maxQueueWait);
    }

    /** At most {@code requests} waiting, each for at most {@code wait}. */
    public RegistryLimits withQueue(int requests, Duration wait) {
        return new RegistryLimits(maxRequestBytes, maxConcurrentRequests, requests, wait);
    }
}
