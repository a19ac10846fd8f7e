package dev.vigil.schemas.registry.server.store;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry's records in a compacted, single-partition Kafka topic with Confluent's JSON
 * keys and values. {@link #load()} creates the topic when missing and reads it to its end; {@link
 * #append} produces with {@code acks=all} and waits for the acknowledgement. One registry writes
 * to a topic at a time (there is no leader election between instances).
 */
public final class KafkaSchemaStore implements SchemaStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaSchemaStoreConfig config;
    private final TopicPartition partition;
    private KafkaProducer<byte[], byte[]> producer;

    /** A store with the given settings; nothing connects until {@link #load()}. */
    public KafkaSchemaStore(KafkaSchemaStoreConfig config) {
        this.config = config;
        this.partition = new TopicPartition(config.topic(), 0);
    }

    @Override
    public List<StoreRecord> load() {
        ensureTopic();
        List<StoreRecord> records = readToEnd();
        Map<String, Object> props = clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int)
                config.timeout().toMillis());
        props.put(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis());
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        return records;
    }

    @Override
    public void append(StoreRecord record) {
        if (producer == null) {
            throw new IllegalStateException("load() the store before appending to it");
        }
        ProducerRecord<byte[], byte[]> message =
                new ProducerRecord<>(config.topic(), 0, StoreCodec.key(record), StoreCodec.value(record));
        try {
            producer.send(message).get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StoreException("Write to " + config.topic() + " timed out", true, e);
        } catch (ExecutionException e) {
            throw new StoreException("Write to " + config.topic() + " failed: " + e.getCause(), false, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted writing to " + config.topic(), false, e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(config.timeout());
            producer = null;
        }
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(clientProperties())) {
            Optional<TopicDescription> existing = describe(admin);
            if (existing.isEmpty()) {
                create(admin);
                return;
            }
            int partitions = existing.get().partitions().size();
            if (partitions != 1) {
                throw new IllegalStateException("Topic " + config.topic() + " has " + partitions
                        + " partitions; the schema store" + " needs exactly 1 to keep the order of its records");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, config.topic());
            Config topicConfig = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(timeoutMs(), TimeUnit.MILLISECONDS)
                    .get(resource);
            String policy = topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
                throw new IllegalStateException("Topic " + config.topic() + " has cleanup.policy=" + policy
                        + "; the schema store needs compact, or old schemas would be deleted");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException(
                    "Cannot prepare topic " + config.topic() + " at " + config.bootstrapServers(),
                    e instanceof TimeoutException,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted preparing " + config.topic(), false, e);
        }
    }

    private Optional<TopicDescription> describe(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(config.topic()))
                    .allTopicNames()
                    .get(timeoutMs(), TimeUnit.MILLISECONDS)
                    .get(config.topic()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void create(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic topic = new NewTopic(config.topic(), 1, config.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
            LOG.info("Created schema topic {} (compacted, 1 partition)", config.topic());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private List<StoreRecord> readToEnd() {
        Map<String, Object> props = clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long deadline = System.nanoTime() + config.timeout().toNanos();
        List<StoreRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), config.timeout()).get(partition);
            while (consumer.position(partition, config.timeout()) < end) {
                if (System.nanoTime() > deadline) {
                    throw new StoreException(
                            "Reading " + config.topic() + " to offset " + end + " timed out", true, null);
                }
                for (ConsumerRecord<byte[], byte[]> message : consumer.poll(POLL)) {
                    decode(message).ifPresent(records::add);
                }
            }
        }
        LOG.info("Read {} registry records from {}", records.size(), config.topic());
        return records;
    }

    private Optional<StoreRecord> decode(ConsumerRecord<byte[], byte[]> message) {
        try {
            return StoreCodec.decode(message.key(), message.value());
        } catch (IOException e) {
            LOG.warn(
                    "Skipping unreadable record at offset {} of {}: {}",
                    message.offset(),
                    config.topic(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }

    private long timeoutMs() {
        return config.timeout().toMillis();
    }
}
