package dev.vigil.stream.kafka;

import dev.vigil.stream.config.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a command creates the topics it writes when they are missing (a picocli mixin). */
public final class TopicCreationOptions {

    @Option(
            names = "--partitions",
            defaultValue = "" + TopicSettings.DEFAULT_PARTITIONS,
            description = "Partitions of topics Vigil creates. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(
            names = "--replication-factor",
            defaultValue = "" + TopicSettings.DEFAULT_REPLICATION_FACTOR,
            description = "Replication of topics Vigil creates. Default: ${DEFAULT-VALUE}.")
    short replicationFactor;

    @Option(
            names = "--create-topics",
            defaultValue = "true",
            arity = "1",
            description = "Create missing topics (true) or fail naming them (false). Default: ${DEFAULT-VALUE}.")
    boolean createTopics;

    @Option(
            names = "--max-message-bytes",
            defaultValue = "" + TopicSettings.DEFAULT_MAX_MESSAGE_BYTES,
            description = "Largest record of a topic Vigil creates. Default: ${DEFAULT-VALUE}.")
    int maxMessageBytes;

    @Option(
            names = "--retention",
            paramLabel = "DURATION",
            defaultValue = TopicSettings.DEFAULT_RETENTION,
            converter = DurationConverter.class,
            description = "How long topics Vigil creates keep a record, counted from when it was written (e.g. 6h, "
                    + "7d as 168h). Default: ${DEFAULT-VALUE}.")
    Duration retention;

    @Option(
            names = "--retention-bytes",
            paramLabel = "BYTES",
            defaultValue = "" + TopicSettings.DEFAULT_RETENTION_BYTES,
            description = "The most each partition of a topic Vigil creates keeps; the oldest records go first "
                    + "(-1: no limit). Default: ${DEFAULT-VALUE} (1 GiB).")
    long retentionBytes;

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** @param timeout how long to wait for the cluster */
    public TopicSettings settings(Duration timeout) {
        return new TopicSettings(
                createTopics,
                partitions,
                replicationFactor,
                maxMessageBytes,
                retention.toMillis(),
                timeout,
                retentionBytes);
    }
}
