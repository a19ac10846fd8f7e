package dev.vigil.stream.kafka;

import java.time.Duration;

/**
 * How Vigil creates the topics it needs.
 *
 * @param createMissing     create missing topics (otherwise a missing topic is an error)
 * @param partitions        partitions of a new topic: the most cameras, and detect instances, that can work in parallel
 * @param replicationFactor replication of a new topic
 * @param maxMessageBytes   largest record a new topic accepts (frames are large)
 * @param retentionMs       how long a new topic keeps a record ({@code retention.ms}; -1: no time limit). Records
 *                          carry the time they were written as their Kafka timestamp (the capture time is in the
 *                          payload), so replayed old footage is kept this long after it was replayed.
 * @param timeout           how long to wait for the cluster
 * @param retentionBytes    the most a partition of a new topic keeps ({@code retention.bytes}; -1: no size limit);
 *                          the oldest segments are deleted past it
 */
public record TopicSettings(
        boolean createMissing,
        int partitions,
        short replicationFactor,
        int maxMessageBytes,
        long retentionMs,
        Duration timeout,
        long retentionBytes) {

    public static final int DEFAULT_PARTITIONS = 4;
    /** A day of records. */
    public static final String DEFAULT_RETENTION = "24h";

    public static final long DEFAULT_RETENTION_MS = Duration.ofHours(24).toMillis();
    /** 1 GiB per partition: 4 GiB for a topic of the default 4 partitions. */
    public static final long DEFAULT_RETENTION_BYTES = 1L << 30;

    /** Settings with the default size limit. */
    public TopicSettings(
            boolean createMissing,
            int partitions,
            short replicationFactor,
            int maxMessageBytes,
            long retentionMs,
            Duration timeout) {
        this(
                createMissing,
                partitions,
                replicationFactor,
                maxMessageBytes,
                retentionMs,
                timeout,
                DEFAULT_RETENTION_BYTES);
    }

    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    public static TopicSettings defaults() {
        return new TopicSettings(
                true,
                DEFAULT_PARTITIONS,
                DEFAULT_REPLICATION_FACTOR,
                DEFAULT_MAX_MESSAGE_BYTES,
                DEFAULT_RETENTION_MS,
                Duration.ofSeconds(30),
                DEFAULT_RETENTION_BYTES);
    }
}
