package dev.vigil.stream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic by assignment, outside any consumer group (nothing is committed), seeing only
 * committed transactions ({@code read_committed}). A record that cannot be deserialized is logged, counted and
 * skipped. Not thread-safe.
 *
 * @param <V> record value type
 */
public final class TopicReader<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

    private final KafkaConsumer<String, V> consumer;
    private final String topic;
    private final Duration timeout;
    private final List<TopicPartition> partitions;
    private long skipped;

    /**
     * @throws UnknownTopicOrPartitionException naming the topic when it does not exist
     */
    public TopicReader(
            Map<String, Object> clientConfig, String topic, Deserializer<V> valueDeserializer, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer);
        this.topic = topic;
        this.timeout = timeout;
        try {
            this.partitions = partitionsOf(topic);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        consumer.assign(partitions);
    }

    private List<TopicPartition> partitionsOf(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new UnknownTopicOrPartitionException("Topic '" + topic + "' does not exist");
        }
        List<TopicPartition> result = new ArrayList<>();
        for (PartitionInfo info : infos) {
            result.add(new TopicPartition(topic, info.partition()));
        }
        result.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
        return List.copyOf(result);
    }

    public String topic() {
        return topic;
    }

    /** Every partition of the topic, by number. */
    public List<TopicPartition> partitions() {
        return partitions;
    }

    public Map<TopicPartition, Long> beginningOffsets() {
        return consumer.beginningOffsets(partitions, timeout);
    }

    /** The offsets after the last committed record of each partition, now. */
    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions, timeout);
    }

    public void seekToBeginning() {
        consumer.seekToBeginning(partitions);
    }

    public void seekToEnd() {
        consumer.seekToEnd(partitions);
    }

    public void seek(TopicPartition partition, long offset) {
        consumer.seek(partition, offset);
    }

    /** The offset of the next record this reader would return from {@code partition}. */
    public long position(TopicPartition partition) {
        return consumer.position(partition, timeout);
    }

    /** Stops fetching a partition (e.g. its range is done). */
    public void pause(TopicPartition partition) {
        consumer.pause(List.of(partition));
    }

    /** The next records, skipping any that cannot be deserialized. */
    public List<ConsumerRecord<String, V>> poll(Duration wait) {
        while (true) {
            try {
                List<ConsumerRecord<String, V>> records = new ArrayList<>();
                consumer.poll(wait).forEach(records::add);
                return records;
            } catch (RecordDeserializationException e) {
                skipped++;
                log.warn(
                        "Skipping record {} of {}: {}",
                        e.offset(),
                        e.topicPartition(),
                        e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                consumer.seek(e.topicPartition(), e.offset() + 1);
            }
        }
    }

    /** Records skipped because they could not be deserialized. */
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
