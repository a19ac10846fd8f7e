package dev.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Frame;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.KafkaSchemaStoreConfig;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.infra.BrokerSettings;
import dev.vigil.stream.infra.EmbeddedKafkaBroker;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.retry.Backoff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded retention on a real broker that enforces it every half second: topics are created with the time and size
 * limits asked for, and footage replayed from years ago survives a one-hour time retention because ingest stamps its
 * records with the time of ingest. The same bytes stamped with their capture time (the old behaviour) are deleted
 * at the broker's next retention check: the control that shows the limit is really enforced here.
 */
class FrameRetentionIT {

    private static final Path FOOTAGE =
            Path.of(System.getProperty("vigil.repo.root", "..")).resolve("data/samples/vtest.avi");
    private static final Instant FILMED = Instant.parse("2015-03-01T10:00:00Z");
    private static final long ONE_HOUR_MS = Duration.ofHours(1).toMillis();
    private static final int FRAMES = 60;

    @TempDir
    Path tmp;

    @Test
    void replayedOldFootageIsKeptWhileTheSameFramesStampedWithTheirCaptureTimeAreDeleted() throws Exception {
        Path oldFootage = tmp.resolve("old-footage.avi");
        Files.copy(FOOTAGE, oldFootage);
        Files.setLastModifiedTime(oldFootage, FileTime.from(FILMED));
        BrokerSettings brokerSettings = BrokerSettings.defaults(tmp.resolve("kafka"))
                .withPort(0)
                .withOverrides(Map.of("log.retention.check.interval.ms", "500"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings);
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                        RegistryServerConfig.defaults().withPort(0),
                        KafkaSchemaStoreConfig.forCluster(broker.bootstrapServers()));
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
            Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
            TopicSettings oneHour = new TopicSettings(
                    true,
                    1,
                    (short) 1,
                    TopicSettings.DEFAULT_MAX_MESSAGE_BYTES,
                    ONE_HOUR_MS,
                    Duration.ofSeconds(30),
                    64L << 20);

            TopicProvisioner.ensure(client, oneHour, Set.of("provisioned"));
            Config provisioned = admin.describeConfigs(
                            List.of(new ConfigResource(ConfigResource.Type.TOPIC, "provisioned")))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next();
            assertThat(provisioned.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("" + ONE_HOUR_MS);
            assertThat(provisioned.get(TopicConfig.RETENTION_BYTES_CONFIG).value())
                    .isEqualTo("" + (64L << 20));

            // small segments, so that closed ones exist for retention to delete
            Map<String, String> smallSegments = Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, "" + ONE_HOUR_MS,
                    TopicConfig.SEGMENT_BYTES_CONFIG, "" + (1 << 20),
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "" + TopicSettings.DEFAULT_MAX_MESSAGE_BYTES);
            admin.createTopics(List.of(
                            new NewTopic("frames", 1, (short) 1).configs(smallSegments),
                            new NewTopic("capture-stamped", 1, (short) 1).configs(smallSegments)))
                    .all()
                    .get();

            CameraSpec camera = new CameraSpec(
                    "archive",
                    oldFootage.toString(),
                    0,
                    CameraSpec.ReplayMode.FAST,
                    false,
                    CameraSpec.DEFAULT_STALL_TIMEOUT,
                    CameraSpec.DEFAULT_IO_TIMEOUT);
            IngestSettings settings = new IngestSettings(
                    List.of(camera),
                    "frames",
                    oneHour,
                    90,
                    0,
                    FRAMES,
                    Backoff.UNLIMITED,
                    Duration.ZERO,
                    SendQueue.DEFAULT_CAPACITY,
                    client,
                    serde,
                    "cameras");
            try (IngestApplication ingest = IngestApplication.start(settings)) {
                ingest.awaitCameras();
            }

            List<ConsumerRecord<byte[], byte[]>> written = readAll(client, "frames");
            assertThat(written).hasSize(FRAMES);
            var frames = AvroSerdes.specific(Frame.class, serde).deserializer();
            Frame first = frames.deserialize("frames", written.get(0).value());
            assertThat(first.getCaptureTime())
                    .as("capture time from the old file")
                    .isBefore(FILMED.plusSeconds(1));
            assertThat(written.get(0).timestamp())
                    .as("record time: when it was ingested")
                    .isGreaterThan(System.currentTimeMillis() - ONE_HOUR_MS);

            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                    new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (ConsumerRecord<byte[], byte[]> r : written) {
                    long captured = frames.deserialize("frames", r.value())
                            .getCaptureTime()
                            .toEpochMilli();
                    producer.send(new ProducerRecord<>("capture-stamped", null, captured, r.key(), r.value()));
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (logStart(admin, "capture-stamped") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(logStart(admin, "capture-stamped"))
                    .as("frames stamped with a capture time of 2015 are deleted by a one-hour retention")
                    .isPositive();
            Thread.sleep(1_500); // three more retention checks
            assertThat(logStart(admin, "frames")).as("replayed frames are kept").isZero();
            assertThat(readAll(client, "frames")).hasSize(FRAMES);
        }
    }

    private static long logStart(Admin admin, String topic) throws Exception {
        TopicPartition p = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(p, OffsetSpec.earliest()))
                .all()
                .get()
                .get(p)
                .offset();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, Object> client, String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        "bootstrap.servers",
                        client.get("bootstrap.servers"),
                        "max.partition.fetch.bytes",
                        TopicSettings.DEFAULT_MAX_MESSAGE_BYTES),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(topic, 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long end = consumer.endOffsets(List.of(p)).get(p);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(p) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
