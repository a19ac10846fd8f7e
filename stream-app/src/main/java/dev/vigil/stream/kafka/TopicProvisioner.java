package dev.vigil.stream.kafka;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the topics a command needs exist: creates missing ones with the configured partitions and
 * replication, or, where creation is turned off, fails naming the missing topic.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final TopicSettings settings;

    public TopicProvisioner(Admin admin, TopicSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /**
     * Ensures {@code topics} on the cluster of {@code clientConfig} with an admin client of its own.
     *
     * @throws IllegalStateException as {@link #ensure(Set)}
     */
    public static void ensure(Map<String, Object> clientConfig, TopicSettings settings, Set<String> topics) {
        try (Admin admin = Admin.create(clientConfig)) {
            new TopicProvisioner(admin, settings).ensure(topics);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "Kafka at " + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + e.getMessage(),
                    e.getCause());
        }
    }

    /**
     * @throws IllegalStateException naming the topic when it is missing and may not be created, or the broker
     *                               does not answer within the settings' timeout
     */
    public void ensure(Set<String> topics) {
        try {
            Set<String> existing =
                    admin.listTopics().names().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            for (String topic : topics) {
                if (existing.contains(topic)) {
                    reportRetention(topic);
                    continue;
                }
                if (!settings.createMissing()) {
                    throw new IllegalStateException("Topic '" + topic + "' does not exist and topic creation is off "
                            + "(create it, or set create-topics=true)");
                }
                create(topic);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Could not list topics on the Kafka cluster within "
                            + settings.timeout().toMillis() + " ms: " + causeOf(e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking topics", e);
        }
    }

    /**
     * Ensures a compacted topic of one partition (a registry: the latest record per key is its state, and one
     * partition keeps every change in one order), creating it when missing and creation is allowed.
     *
     * @throws IllegalStateException as {@link #ensure(Set)}
     */
    public void ensureCompacted(String topic) {
        try {
            Set<String> existing =
                    admin.listTopics().names().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (existing.contains(topic)) {
                return;
            }
            if (!settings.createMissing()) {
                throw new IllegalStateException("Topic '" + topic + "' does not exist and topic creation is off "
                        + "(create it compacted with one partition, or set create-topics=true)");
            }
            create(new NewTopic(topic, 1, settings.replicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Could not list topics on the Kafka cluster within "
                            + settings.timeout().toMillis() + " ms: " + causeOf(e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking topics", e);
        }
    }

    /**
     * Logs a warning when an existing topic keeps records longer or larger than a new one would: Vigil never changes
     * a topic it did not create, but a topic that keeps frames for ever fills the disk.
     */
    private void reportRetention(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config;
        try {
            config = admin.describeConfigs(java.util.List.of(resource))
                    .all()
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not read the retention of topic '{}': {}", topic, e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long ms = Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value());
        long bytes =
                Long.parseLong(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value());
        if (longer(ms, settings.retentionMs()) || longer(bytes, settings.retentionBytes())) {
            log.warn(
                    "Topic '{}' exists with retention.ms={} and retention.bytes={} (-1 = no limit), more than the "
                            + "{} and {} Vigil creates topics with; it is left as it is (change it with "
                            + "kafka-configs.sh --alter --entity-type topics --entity-name {} --add-config ...)",
                    topic,
                    ms,
                    bytes,
                    settings.retentionMs(),
                    settings.retentionBytes(),
                    topic);
        }
    }

    /** Whether limit {@code actual} keeps more than {@code wanted} (-1 is no limit). */
    private static boolean longer(long actual, long wanted) {
        return wanted >= 0 && (actual < 0 || actual > wanted);
    }

    /** The failure's cause named by its class and message (a timeout's message alone may be empty). */
    private static String causeOf(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Wait between reads of a just-created topic's settings. */
    private static final long UNKNOWN_TOPIC_RETRY_MILLIS = 100;

    /**
     * The largest record {@code topic} accepts: its {@code max.message.bytes}, or the broker's default.
     *
     * @throws IllegalStateException naming the topic when the cluster does not tell within the settings' timeout
     */
    public int maxMessageBytes(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try {
            while (true) {
                try {
                    Config config = admin.describeConfigs(java.util.List.of(resource))
                            .all()
                            .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .get(resource);
                    return Integer.parseInt(
                            config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
                } catch (ExecutionException e) {
                    // a topic created a moment ago may not be known yet to the broker that answers
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(UNKNOWN_TOPIC_RETRY_MILLIS);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read the settings of topic '" + topic + "': " + causeOf(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the settings of topic '" + topic + "'", e);
        }
    }

    /**
     * Waits until the brokers' metadata has the just-created {@code topic} with a leader for every partition: the
     * controller has created it when {@code createTopics} returns, but a client that asks a broker for it a moment later
     * may still hear UNKNOWN_TOPIC_OR_PARTITION (a warning in its log, and the broker's attempt to auto-create it).
     * Gives up quietly at the settings' timeout: the clients retry on their own.
     */
    private void awaitLeaders(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin.describeTopics(java.util.List.of(topic))
                        .allTopicNames()
                        .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic);
                if (description != null && description.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    return;
                }
            } catch (TimeoutException e) {
                return;
            }
            Thread.sleep(UNKNOWN_TOPIC_RETRY_MILLIS);
        }
    }

    private void create(String topic) throws InterruptedException, TimeoutException {
        create(new NewTopic(topic, settings.partitions(), settings.replicationFactor())
                .configs(Map.of(
                        "max.message.bytes",
                        String.valueOf(settings.maxMessageBytes()),
                        TopicConfig.RETENTION_MS_CONFIG,
                        String.valueOf(settings.retentionMs()),
                        TopicConfig.RETENTION_BYTES_CONFIG,
                        String.valueOf(settings.retentionBytes()))));
    }

    private void create(NewTopic newTopic) throws InterruptedException, TimeoutException {
        String topic = newTopic.name();
        try {
            admin.createTopics(java.util.List.of(newTopic))
                    .all()
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info(
                    "Created topic '{}' ({} partitions, replication {})",
                    topic,
                    newTopic.numPartitions(),
                    newTopic.replicationFactor());
            awaitLeaders(topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "Could not create topic '" + topic + "': "
                                + e.getCause().getMessage(),
                        e);
            }
        }
    }
}
