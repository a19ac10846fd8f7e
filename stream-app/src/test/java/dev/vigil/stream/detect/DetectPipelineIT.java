package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.stream.cli.VigilCli;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.FrameProducer;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.TestVideos;
import dev.vigil.stream.web.HealthChecks;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** frames → detect (exactly-once, real detector) → detections on the real in-process broker; and ingest → detect. */
class DetectPipelineIT {

    private static final Path SUBSCRIBER = Path.of(System.getProperty("vigil.repo.root", ".."))
            .resolve("stream-app/src/test/python/detections_subscriber.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Confluent's own Python client (read_committed, schemas by id from the registry) decodes every event. */
    private static void assertPythonSubscriberDecodes(LocalInfrastructure infra, List<DetectionEvent> javaEvents)
            throws Exception {
        Process p = new ProcessBuilder(
                        "/usr/bin/python3",
                        SUBSCRIBER.toString(),
                        infra.bootstrapServers(),
                        infra.schemaRegistryUrl(),
                        Topics.DETECTIONS,
                        String.valueOf(javaEvents.size()),
                        "60")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .withFailMessage(
                        "Python subscriber failed (Debian python3-confluent-kafka " + "python3-avro needed): %s", out)
                .isZero();
        JsonNode events =
                JSON.readTree(out.substring(out.lastIndexOf('\n') + 1)).get("events");
        assertThat(events).hasSize(javaEvents.size());
        Map<String, DetectionEvent> byFrame = javaEvents.stream()
                .collect(Collectors.toMap(e -> e.getCameraId() + "#" + e.getFrameSequence(), e -> e));
        for (JsonNode actual : events) {
            DetectionEvent expected = byFrame.get(actual.get("camera_id").asText() + "#"
                    + actual.get("frame_sequence").asLong());
            assertThat(expected).as("an event the Java subscriber saw too").isNotNull();
            assertThat(actual.get("key").asText()).isEqualTo(expected.getCameraId());
            assertThat(actual.get("status").asText())
                    .isEqualTo(expected.getStatus().name());
            assertThat(actual.get("model_name").asText()).isEqualTo(expected.getModelName());
            assertThat(actual.get("detections").asInt())
                    .isEqualTo(expected.getDetections().size());
        }
    }

    @Test
    void aVideoIngestedByTheIngestCommandGivesOneEventPerFrame() throws Exception {
        int frames = 20;
        Path video = TestVideos.mp4(tmp.resolve("clip.mp4"), frames, 25, 160, 120);
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            int ingest = VigilCli.commandLine(new String[0])
                    .execute(
                            "ingest",
                            "--bootstrap-servers",
                            infra.bootstrapServers(),
                            "--schema-registry-url",
                            infra.schemaRegistryUrl(),
                            "--camera",
                            "yard=" + video,
                            "--replay",
                            "fast");
            assertThat(ingest).isZero();
            ModelDetectors detectors =
                    ModelDetectors.open(SmallModels.writeRandomMobileNet(tmp.resolve("model")), DeviceChoice.CPU);
            try (DetectApplication app = DetectApplication.start(settings(infra, 4), detectors)) {
                AvroRecords.read(
                        infra.bootstrapServers(),
                        infra.schemaRegistryUrl(),
                        Topics.DETECTIONS,
                        DetectionEvent.class,
                        frames,
                        Duration.ofSeconds(90));
                // Then everything there is, giving a duplicate, if there were one, time to show.
                List<DetectionEvent> events = AvroRecords.read(
                                infra.bootstrapServers(),
                                infra.schemaRegistryUrl(),
                                Topics.DETECTIONS,
                                DetectionEvent.class,
                                Integer.MAX_VALUE,
                                Duration.ofSeconds(3))
                        .stream()
                        .map(ConsumerRecord::value)
                        .toList();
                assertThat(events)
                        .extracting(DetectionEvent::getFrameSequence)
                        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, frames)
                                .boxed()
                                .toList());
                assertThat(events).allSatisfy(e -> {
                    assertThat(e.getCameraId()).isEqualTo("yard");
                    assertThat(e.getImageWidth()).isEqualTo(160);
                });
            }
        }
    }

    private DetectSettings settings(LocalInfrastructure infra, int batchSize) {
        return DetectSettings.builder(
                        "pipeline-test",
                        tmp.resolve("state"),
                        Map.of("bootstrap.servers", infra.bootstrapServers()),
                        Map.of("schema.registry.url", infra.schemaRegistryUrl()))
                .batching(new BatchingSettings(batchSize, Duration.ofMillis(100), null))
                .maxMessageBytes(1 << 22)
                .build();
    }

    @Test
    void everyFrameGivesExactlyOneCommittedEvent() throws Exception {
        int perCamera = 12;
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            TopicProvisioner.ensure(
                    Map.of("bootstrap.servers", infra.bootstrapServers()),
                    TopicSettings.defaults(),
                    Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            DetectSettings settings = settings(infra, 4);
            ModelDetectors detectors =
                    ModelDetectors.open(SmallModels.writeRandomMobileNet(tmp.resolve("model")), DeviceChoice.CPU);
            PrometheusMeterRegistry metrics = VigilMetrics.newRegistry();
            HealthChecks health = new HealthChecks();
            DetectApplication started;
            try (DetectApplication app = DetectApplication.start(settings, detectors, metrics, health);
                    FrameProducer producer =
                            new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.FRAMES)) {
                started = app;
                Instant t0 = Instant.parse("2026-11-24T12:00:00Z");
                for (int i = 0; i < perCamera; i++) {
                    producer.send("cam-1", i, t0.plusMillis(100L * i));
                    producer.send("cam-2", i, t0.plusMillis(100L * i + 50));
                }
                List<DetectionEvent> events = AvroRecords.read(
                                infra.bootstrapServers(),
                                infra.schemaRegistryUrl(),
                                Topics.DETECTIONS,
                                DetectionEvent.class,
                                2 * perCamera,
                                Duration.ofSeconds(120))
                        .stream()
                        .map(ConsumerRecord::value)
                        .toList();
                assertThat(events).hasSize(2 * perCamera);
                assertThat(events).allSatisfy(e -> assertThat(e.getStatus()).isEqualTo(DetectionStatus.OK));
                Map<String, List<Long>> byCamera = events.stream()
                        .collect(Collectors.groupingBy(
                                DetectionEvent::getCameraId,
                                Collectors.mapping(DetectionEvent::getFrameSequence, Collectors.toList())));
                List<Long> expected =
                        java.util.stream.LongStream.range(0, perCamera).boxed().toList();
                assertThat(byCamera.get("cam-1")).containsExactlyElementsOf(expected);
                assertThat(byCamera.get("cam-2")).containsExactlyElementsOf(expected);
                assertThat(app.stats().framesDetected()).isEqualTo(2L * perCamera);
                assertPythonSubscriberDecodes(infra, events);

                HealthChecks.Report ready = health.ready();
                assertThat(ready.up()).as("ready: %s", ready).isTrue();
                assertThat(ready.checks().get("model").detail()).contains(SmallModels.NAME);
                assertThat(ready.checks().get("streams").detail()).isEqualTo("RUNNING");
                assertThat(health.live().up()).isTrue();
                String scrape = metrics.scrape();
                assertThat(scrape)
                        .contains(
                                "vigil_detect_frames_total{camera=\"cam-1\",outcome=\"detected\"} " + (1.0 * perCamera))
                        .contains(
                                "vigil_detect_frames_total{camera=\"cam-2\",outcome=\"detected\"} " + (1.0 * perCamera))
                        .contains("vigil_detect_capture_to_event_seconds_count{camera=\"cam-1\"} " + perCamera)
                        .contains("vigil_detect_running 1.0")
                        .as("Kafka Streams' own metrics and its clients'")
                        .contains("kafka_stream_")
                        .contains("kafka_consumer_")
                        .contains("kafka_producer_");
            }
            assertThat(started.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING);
            assertThat(health.live().up())
                    .as("a closed application is not live")
                    .isFalse();
            assertThat(health.ready().up()).isFalse();
        }
    }

    /**
     * Under exactly-once the batch buffer's changelog must hold the frames still waiting when a transaction commits,
     * and only those: a frame run before the commit leaves no image there (at most its key's tombstone), so a frame
     * crosses the broker twice (into {@code frames}, out as its event), not a third time into the changelog.
     */
    @Test
    void framesRunBeforeTheCommitLeaveNoImageInTheBuffersChangelog() throws Exception {
        int frames = 8;
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            TopicProvisioner.ensure(
                    Map.of("bootstrap.servers", infra.bootstrapServers()),
                    TopicSettings.defaults(),
                    Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            ModelDetectors detectors =
                    ModelDetectors.open(SmallModels.writeRandomMobileNet(tmp.resolve("model")), DeviceChoice.CPU);
            // B = 1: each frame is run as soon as it is read, never left in the buffer at a commit
            try (DetectApplication app = DetectApplication.start(settings(infra, 1), detectors);
                    FrameProducer producer =
                            new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.FRAMES)) {
                Instant t0 = Instant.parse("2026-11-24T12:00:00Z");
                for (int i = 0; i < frames; i++) {
                    producer.send("cam-1", i, t0.plusMillis(100L * i));
                }
                assertThat(AvroRecords.read(
                                infra.bootstrapServers(),
                                infra.schemaRegistryUrl(),
                                Topics.DETECTIONS,
                                DetectionEvent.class,
                                frames,
                                Duration.ofSeconds(120)))
                        .hasSize(frames);
                List<ConsumerRecord<byte[], byte[]>> changelog = readAll(
                        infra.bootstrapServers(), "pipeline-test-" + DetectTopology.BUFFER_STORE + "-changelog");
                assertThat(changelog)
                        .as("the buffer's changelog holds no frame that was run before its transaction committed")
                        .allSatisfy(r -> assertThat(r.value()).isNull());
            }
        }
    }

    /** Every committed record of {@code topic} there is now (read for 3 s), raw. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "changelog-reader",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
