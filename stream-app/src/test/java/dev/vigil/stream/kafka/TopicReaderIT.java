package dev.vigil.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.TestFrames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TopicReader and StartupCheck on the real in-process broker and registry. */
class TopicReaderIT {

    static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    static LocalInfrastructure infra;
    static Map<String, Object> client;
    static Map<String, Object> serde;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.startEphemeral();
        client = Map.of("bootstrap.servers", infra.bootstrapServers());
        serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    static TopicReader<Frame> reader(String topic) {
        return new TopicReader<>(
                client, topic, AvroSerdes.specific(Frame.class, serde).deserializer(), Duration.ofSeconds(10));
    }

    static List<ConsumerRecord<String, Frame>> pollUntil(TopicReader<Frame> reader, int count) {
        List<ConsumerRecord<String, Frame>> out = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (out.size() < count && Instant.now().isBefore(deadline)) {
            out.addAll(reader.poll(Duration.ofMillis(200)));
        }
        return out;
    }

    @Test
    void readsEveryPartitionFromTheStartAndSkipsRecordsItCannotRead() {
        TopicProvisioner.ensure(
                client,
                new TopicSettings(
                        true, 2, (short) 1, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES, -1, Duration.ofSeconds(30)),
                Set.of("reader-frames"));
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            frames.add(TestFrames.frame("cam-" + (i % 3), i, T0.plusMillis(i)));
        }
        AvroRecords.write(
                infra.bootstrapServers(),
                infra.schemaRegistryUrl(),
                "reader-frames",
                Frame.class,
                frames,
                Frame::getCameraId,
                Frame::getCaptureTime);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of("bootstrap.servers", infra.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>("reader-frames", 0, "junk", new byte[] {7, 7, 7}));
            raw.flush();
        }

        try (TopicReader<Frame> reader = reader("reader-frames")) {
            assertThat(reader.partitions())
                    .containsExactly(new TopicPartition("reader-frames", 0), new TopicPartition("reader-frames", 1));
            assertThat(reader.endOffsets().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(7);
            reader.seekToBeginning();
            List<ConsumerRecord<String, Frame>> read = pollUntil(reader, 6);
            assertThat(read)
                    .extracting(r -> r.value().getFrameSequence())
                    .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(reader.poll(Duration.ofMillis(500))).isEmpty();
            assertThat(reader.skipped()).as("the junk record").isEqualTo(1);
            for (TopicPartition p : reader.partitions()) {
                assertThat(reader.position(p)).isEqualTo(reader.endOffsets().get(p));
            }
        }
    }

    @Test
    void seekingToTheEndSeesOnlyNewRecordsAndSeekSelectsAnOffset() {
        TopicProvisioner.ensure(client, TopicSettings.defaults(), Set.of("reader-tail"));
        List<Frame> old = List.of(TestFrames.frame("gate", 0, T0), TestFrames.frame("gate", 1, T0));
        AvroRecords.write(
                infra.bootstrapServers(),
                infra.schemaRegistryUrl(),
                "reader-tail",
                Frame.class,
                old,
                Frame::getCameraId,
                Frame::getCaptureTime);
        try (TopicReader<Frame> reader = reader("reader-tail")) {
            reader.seekToEnd();
            assertThat(reader.poll(Duration.ofMillis(500))).isEmpty();
            AvroRecords.write(
                    infra.bootstrapServers(),
                    infra.schemaRegistryUrl(),
                    "reader-tail",
                    Frame.class,
                    List.of(TestFrames.frame("gate", 2, T0)),
                    Frame::getCameraId,
                    Frame::getCaptureTime);
            assertThat(pollUntil(reader, 1))
                    .extracting(r -> r.value().getFrameSequence())
                    .containsExactly(2L);

            TopicPartition gate = pollPartitionOf(reader);
            reader.seek(gate, 1);
            assertThat(pollUntil(reader, 2))
                    .extracting(r -> r.value().getFrameSequence())
                    .containsExactly(1L, 2L);
        }
    }

    private static TopicPartition pollPartitionOf(TopicReader<Frame> reader) {
        return reader.partitions().stream()
                .filter(p -> reader.endOffsets().get(p) == 3)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aMissingTopicIsNamed() {
        assertThatThrownBy(() -> reader("no-such-topic"))
                .isInstanceOf(UnknownTopicOrPartitionException.class)
                .hasMessageContaining("'no-such-topic'");
    }

    @Test
    void theStartupCheckPassesWhenBothAnswer() {
        ConnectOptions options = new ConnectOptions();
        options.attempts = 1;
        options.timeout = Duration.ofSeconds(10);
        new StartupCheck(options).awaitKafkaAndRegistry(client, serde);
    }
}
