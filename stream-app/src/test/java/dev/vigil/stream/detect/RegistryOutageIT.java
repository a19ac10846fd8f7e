package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.KafkaSchemaStoreConfig;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.infra.BrokerSettings;
import dev.vigil.stream.infra.EmbeddedKafkaBroker;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.RtspTestCamera;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.TestFrames;
import dev.vigil.stream.web.HealthChecks;
import dev.vigil.stream.web.HealthStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry outage, on the real broker with the real registry stopped and started again on its port:
 * {@code vigil detect} refuses to start without the registry, naming it; a detect application that loses the
 * registry while it runs dead-letters nothing, says it is not ready, and once the registry is back gives exactly one
 * event per frame.
 */
class RegistryOutageIT {

    static final int FRAMES = 6;
    static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void detectChecksTheRegistryAtStartAndAnOutageWhileRunningPausesInsteadOfDeadLettering() throws Exception {
        int registryPort = RtspTestCamera.freePort();
        RegistryServerConfig registryConfig =
                RegistryServerConfig.defaults().withHost("127.0.0.1").withPort(registryPort);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                BrokerSettings.defaults(tmp.resolve("kafka")).withPort(0))) {
            String bootstrap = broker.bootstrapServers();
            KafkaSchemaStoreConfig store = KafkaSchemaStoreConfig.forCluster(bootstrap);
            String registryUrl = "http://127.0.0.1:" + registryPort;
            Path model = SmallModels.writeRandomMobileNet(tmp.resolve("model"));
            TopicProvisioner.ensure(
                    Map.of("bootstrap.servers", bootstrap),
                    TopicSettings.defaults(),
                    Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));

            // at start: no registry, so detect names it and exits non-zero instead of dead-lettering every frame
            CompletableFuture<CliRun> refused = CompletableFuture.supplyAsync(() -> CliRun.of(
                    "detect",
                    "--bootstrap-servers",
                    bootstrap,
                    "--schema-registry-url",
                    registryUrl,
                    "--model",
                    model.toString(),
                    "--device",
                    "cpu",
                    "--state-dir",
                    tmp.resolve("refused-state").toString(),
                    "--connect-attempts",
                    "2",
                    "--connect-timeout",
                    "2s"));
            CliRun run = refused.get(90, TimeUnit.SECONDS);
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.err()).contains("Schema registry at " + registryUrl).contains("unreachable");

            // while running: the registry goes away after detect started, before the frames arrive
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(registryConfig, store);
            List<byte[]> frames = new ArrayList<>();
            var serializer = AvroSerdes.specific(Frame.class, Map.of("schema.registry.url", registryUrl))
                    .serializer();
            for (int i = 0; i < FRAMES; i++) {
                frames.add(serializer.serialize(Topics.FRAMES, TestFrames.frame("cam-r", i, T0.plusMillis(40L * i))));
            }
            HealthChecks health = new HealthChecks();
            DetectSettings settings = DetectSettings.defaults(
                    "outage-test",
                    tmp.resolve("state"),
                    Map.of("bootstrap.servers", bootstrap),
                    Map.of("schema.registry.url", registryUrl));
            try (DetectApplication app = DetectApplication.start(
                    settings, ModelDetectors.open(model, DeviceChoice.CPU), new SimpleMeterRegistry(), health)) {
                await(() -> health.ready().up(), Duration.ofSeconds(90), "detect ready with the registry up");
                registry.close();
                produce(bootstrap, frames);
                await(
                        () -> !health.ready().checks().get("registry").up(),
                        Duration.ofSeconds(60),
                        "not ready while the registry is down");
                HealthStatus down = health.ready().checks().get("registry");
                assertThat(down.detail()).contains(registryUrl).contains("processing paused");
                assertThat(readAll(bootstrap, Topics.FRAMES_DLQ, Duration.ofSeconds(3)))
                        .as("no frame dead-lettered for the outage")
                        .isEmpty();

                registry = EmbeddedSchemaRegistry.start(registryConfig, store);
                List<DetectionEvent> events = AvroRecords.read(
                                bootstrap,
                                registryUrl,
                                Topics.DETECTIONS,
                                DetectionEvent.class,
                                FRAMES,
                                Duration.ofSeconds(120))
                        .stream()
                        .map(ConsumerRecord::value)
                        .toList();
                await(() -> health.ready().up(), Duration.ofSeconds(60), "ready again");
                List<DetectionEvent> all = AvroRecords.read(
                                bootstrap,
                                registryUrl,
                                Topics.DETECTIONS,
                                DetectionEvent.class,
                                Integer.MAX_VALUE,
                                Duration.ofSeconds(3))
                        .stream()
                        .map(ConsumerRecord::value)
                        .toList();
                assertThat(events).hasSize(FRAMES);
                assertThat(all)
                        .as("one event per frame, none repeated")
                        .extracting(DetectionEvent::getFrameSequence)
                        .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
                assertThat(readAll(bootstrap, Topics.FRAMES_DLQ, Duration.ofSeconds(2)))
                        .isEmpty();
                assertThat(app.stats().framesDeadLettered()).isZero();
            } finally {
                registry.close();
            }
        }
    }

    static void produce(String bootstrap, List<byte[]> values) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(Topics.FRAMES, "cam-r", value));
            }
            producer.flush();
        }
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, Duration wait) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dlq-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(wait);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            Thread.sleep(200);
        }
    }
}
