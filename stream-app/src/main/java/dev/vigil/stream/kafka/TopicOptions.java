package dev.vigil.stream.kafka;

import dev.vigil.stream.config.KafkaClientOptions;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Topic names and how missing topics are created (a picocli mixin). */
public final class TopicOptions {

    @Option(names = "--frames-topic", defaultValue = Topics.FRAMES, description = "Default: ${DEFAULT-VALUE}.")
    public String framesTopic;

    @Option(names = "--detections-topic", defaultValue = Topics.DETECTIONS, description = "Default: ${DEFAULT-VALUE}.")
    public String detectionsTopic;

    @Option(names = "--dlq-topic", defaultValue = Topics.FRAMES_DLQ,
            description = "Dead-letter topic for unreadable frames. Default: ${DEFAULT-VALUE}.")
    public String deadLetterTopic;

    @Option(names = "--partitions", defaultValue = "" + TopicSettings.DEFAULT_PARTITIONS,
            description = "Partitions of topics Vigil creates. Default: ${DEFAULT-VALUE}.")
    public int partitions;

    @Option(names = "--replication-factor", defaultValue = "1",
            description = "Replication of topics Vigil creates. Default: ${DEFAULT-VALUE}.")
    public short replicationFactor;

    @Option(names = "--create-topics", defaultValue = "true", arity = "1",
            description = "Create missing topics (true) or fail naming them (false). Default: ${DEFAULT-VALUE}.")
    public boolean createTopics;

    @Option(names = "--max-message-bytes", defaultValue = "" + TopicSettings.DEFAULT_MAX_MESSAGE_BYTES,
            description = "Largest frame record. Default: ${DEFAULT-VALUE}.")
    public int maxMessageBytes;

    public TopicSettings settings() {
        return new TopicSettings(createTopics, partitions, replicationFactor, maxMessageBytes, -1, Duration.ofSeconds(30));
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
