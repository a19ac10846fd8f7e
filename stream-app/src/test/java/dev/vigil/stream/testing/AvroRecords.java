package dev.vigil.stream.testing;

import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.infra.LocalInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Avro records on a real broker, written and read as any Confluent-format client would. */
public final class AvroRecords {

    private AvroRecords() {}

    /** Reads {@code topic} from the beginning (read_committed) until {@code count} records or the timeout. */
    public static <T extends SpecificRecord> List<ConsumerRecord<String, T>> read(
            String bootstrap, String registryUrl, String topic, Class<T> type, int count, Duration timeout) {
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                AvroSerdes.specific(type, Map.of("schema.registry.url", registryUrl))
                        .deserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The values of {@link #read} on {@code infra}'s broker and registry. */
    public static <T extends SpecificRecord> List<T> values(
            LocalInfrastructure infra, String topic, Class<T> type, int count, Duration timeout) {
        return read(infra.bootstrapServers(), infra.schemaRegistryUrl(), topic, type, count, timeout).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    /** Writes {@code values} keyed by {@code key(value)}, each with its timestamp, and waits until all are stored. */
    public static <T extends SpecificRecord> void write(
            String bootstrap,
            String registryUrl,
            String topic,
            Class<T> type,
            List<T> values,
            java.util.function.Function<T, String> key,
            java.util.function.Function<T, Instant> timestamp) {
        write(bootstrap, Map.of("schema.registry.url", registryUrl), topic, type, values, key, timestamp);
    }

    /** {@link #write(String, String, String, Class, List, java.util.function.Function, java.util.function.Function)}
     * with any registry client settings (credentials, TLS). */
    public static <T extends SpecificRecord> void write(
            String bootstrap,
            Map<String, ?> serdeConfig,
            String topic,
            Class<T> type,
            List<T> values,
            java.util.function.Function<T, String> key,
            java.util.function.Function<T, Instant> timestamp) {
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(),
                AvroSerdes.specific(type, serdeConfig).serializer())) {
            for (T value : values) {
                producer.send(new ProducerRecord<>(
                        topic, null, timestamp.apply(value).toEpochMilli(), key.apply(value), value));
            }
            producer.flush();
        }
    }
}
