package dev.vigil.stream.kafka;

import java.time.Duration;

/**
 * How Vigil creates the topics it needs.
 *
 * @param createMissing     create missing topics (otherwise a missing topic is an error)
 * @param partitions        partitions of a new topic: the most cameras, and detect instances, that can work in parallel
 * @param replicationFactor replication of a new topic
 * @param maxMessageBytes   largest record a new topic accepts (frames are large)
 * @param retentionMs       retention of a new topic; -1 keeps records forever. Replayed footage carries the
 *                          file's own (old) capture times, which time-based retention would delete at once.
 * @param timeout           how long to wait for the cluster
 */
public record TopicSettings(
        boolean createMissing,
        int partitions,
        short replicationFactor,
        int maxMessageBytes,
        long retentionMs,
        Duration timeout) {

    public static final int DEFAULT_PARTITIONS = 4;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    public static TopicSettings defaults() {
        return new TopicSettings(
                true,
                DEFAULT_PARTITIONS,
                DEFAULT_REPLICATION_FACTOR,
                DEFAULT_MAX_MESSAGE_BYTES,
                -1,
                Duration.ofSeconds(30));
    }
}
