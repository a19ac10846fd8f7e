package dev.vigil.schemas.registry.server.store;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how the registry keeps its schemas in Kafka.
 *
 * @param bootstrapServers the Kafka cluster
 * @param topic the compacted single-partition topic of the registry (Confluent: {@code _schemas})
 * @param replicationFactor replication of the topic when the store creates it
 * @param timeout bound of each Kafka operation: topic creation, the initial read, one write
 * @param clientProperties extra Kafka client settings (security, for example) for the admin,
 *     producer and consumer
 */
public record KafkaSchemaStoreConfig(
        String bootstrapServers,
        String topic,
        short replicationFactor,
        Duration timeout,
        Map<String, Object> clientProperties) {

    /** Confluent's topic name. */
    public static final String DEFAULT_TOPIC = "_schemas";
    /** Enough for a single broker; production clusters want 3. */
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    /** Bound of one Kafka operation. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The defaults for the cluster at {@code bootstrapServers}. */
    public static KafkaSchemaStoreConfig forCluster(String bootstrapServers) {
        return new KafkaSchemaStoreConfig(
                bootstrapServers, DEFAULT_TOPIC, DEFAULT_REPLICATION_FACTOR, DEFAULT_TIMEOUT, Map.of());
    }

    /** The same settings with another topic. */
    public KafkaSchemaStoreConfig withTopic(String newTopic) {
        return new KafkaSchemaStoreConfig(bootstrapServers, newTopic, replicationFactor, timeout, clientProperties);
    }

    /** The same settings with another replication factor. */
    public KafkaSchemaStoreConfig withReplicationFactor(short newReplicationFactor) {
        return new KafkaSchemaStoreConfig(bootstrapServers, topic, newReplicationFactor, timeout, clientProperties);
    }
}
