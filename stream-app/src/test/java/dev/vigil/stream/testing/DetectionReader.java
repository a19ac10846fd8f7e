package dev.vigil.stream.testing;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.serde.AvroSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads committed detection events from a real broker, as a subscriber would. */
public final class DetectionReader {

    private DetectionReader() {
    }

    /** Reads from the beginning until {@code done} holds for what was read, or the timeout passes. */
    public static List<DetectionEvent> readCommitted(String bootstrap, String registryUrl, String topic,
                                                     Predicate<List<DetectionEvent>> done, Duration timeout) {
        List<DetectionEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, DetectionEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                AvroSerdes.specific(DetectionEvent.class, Map.of("schema.registry.url", registryUrl)).deserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (!done.test(events) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, DetectionEvent> r : consumer.poll(Duration.ofMillis(500))) {
                    events.add(r.value());
                }
            }
        }
        return events;
    }
}
