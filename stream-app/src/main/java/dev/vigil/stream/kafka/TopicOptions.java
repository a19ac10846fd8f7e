package dev.vigil.stream.kafka;

import dev.vigil.stream.config.KafkaClientOptions;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The detect application's topic names and how missing topics are created (a picocli mixin). */
public final class TopicOptions {

    @Option(names = "--frames-topic", defaultValue = Topics.FRAMES, description = "Default: ${DEFAULT-VALUE}.")
    public String framesTopic;

    @Option(names = "--detections-topic", defaultValue = Topics.DETECTIONS, description = "Default: ${DEFAULT-VALUE}.")
    public String detectionsTopic;

    @Option(
            names = "--dlq-topic",
            defaultValue = Topics.FRAMES_DLQ,
            description = "Dead-letter topic for unreadable frames. Default: ${DEFAULT-VALUE}.")
    public String deadLetterTopic;

    @Mixin
    public TopicCreationOptions creation = new TopicCreationOptions();

    public TopicSettings settings() {
        return creation.settings(Duration.ofSeconds(30));
    }

    public int maxMessageBytes() {
        return creation.maxMessageBytes();
    }

    /** Ensures {@code topics} exist on the cluster of {@code kafka}, created with these settings where missing. */
    public void ensure(KafkaClientOptions kafka, Set<String> topics) {
        TopicProvisioner.ensure(kafka.clientConfig(), settings(), topics);
    }
}
