package dev.vigil.stream.kafka;

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

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** @param timeout how long to wait for the cluster */
    public TopicSettings settings(Duration timeout) {
        return new TopicSettings(createTopics, partitions, replicationFactor, maxMessageBytes, -1, timeout);
    }
}
