package dev.vigil.stream.kafka;

import dev.vigil.stream.config.KafkaClientOptions;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The detect application's topic names and how missing topics are created (a picocli mixin). */
public final class TopicOptions {

    @Option(names = "--frames-topic", defaultValue = Topics.FRAMES, description = "Default: ${DEFAULT-VALUE}.")
    public String framesTopic;

    @Option(names = "--detections-topic", defaultValue = Topics.DETECTIONS, description = "Default: ${DEFAULT-VALUE}.")
    public String detectionsTopic;

    @Option(names = "--dlq-topic", defaultValue = Topics.FRAMES_DLQ,
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

    /** A provisioner on the cluster of {@code kafka}; closes its admin client when done. */
    public ClosingProvisioner provisioner(KafkaClientOptions kafka) {
        return new ClosingProvisioner(Admin.create(kafka.clientConfig()), settings());
    }

    /** A {@link TopicProvisioner} that owns its admin client. */
    public static final class ClosingProvisioner {
        private final Admin admin;
        private final TopicSettings settings;

        ClosingProvisioner(Admin admin, TopicSettings settings) {
            this.admin = admin;
            this.settings = settings;
        }

        public void ensure(java.util.Set<String> topics) {
            try (admin) {
                new TopicProvisioner(admin, settings).ensure(topics);
            }
        }
    }
}
