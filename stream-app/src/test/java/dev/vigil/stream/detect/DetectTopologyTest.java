package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.io.Sha256;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.testing.DetectTopologyDriver;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.TestFrames;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detect topology on Kafka's TopologyTestDriver, with the real detector (a small randomly initialised
 * Faster R-CNN) and the real registry REST server (schemas kept in memory: no broker in these tests).
 */
class DetectTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final DetectTopology.TopicNames TOPICS = DetectTopologyDriver.TOPICS;

    @TempDir
    static Path tmp;

    static EmbeddedSchemaRegistry registry;
    static ModelDetectors detectors;
    static Map<String, Object> serdeConfig;

    TopologyTestDriver driver;
    PerThreadDetectors perThread;
    PrometheusMeterRegistry metrics;
    DetectStats stats;
    TestInputTopic<String, Frame> frames;
    TestInputTopic<String, byte[]> rawFrames;
    TestOutputTopic<String, DetectionEvent> events;
    TestOutputTopic<String, byte[]> deadLetters;

    @BeforeAll
    static void startRegistryAndModel() throws Exception {
        registry = EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), new InMemorySchemaStore());
        serdeConfig = Map.of("schema.registry.url", registry.url());
        detectors = ModelDetectors.open(SmallModels.writeRandomMobileNet(tmp.resolve("model")), DeviceChoice.CPU);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    void start(BatchingSettings batching) {
        metrics = VigilMetrics.newRegistry();
        stats = new DetectStats(metrics);
        perThread = new PerThreadDetectors(detectors);
        DetectTopologyDriver topology = new DetectTopologyDriver(
                DetectTopologyDriver.settings("detect-test", tmp.resolve("state"), serdeConfig)
                        .batching(batching)
                        .build(),
                perThread,
                stats,
                T0);
        driver = topology.driver();
        frames = topology.frames;
        rawFrames = topology.rawFrames;
        events = topology.events;
        deadLetters = topology.deadLetters;
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    void pipe(String camera, long sequence, Instant capture) {
        frames.pipeInput(new TestRecord<>(camera, TestFrames.frame(camera, sequence, capture), capture));
    }

    @Test
    void aFullBatchFlushesAtOnceWithOneEventPerFrameInOrder() {
        start(new BatchingSettings(3, Duration.ofSeconds(30), null));
        pipe("cam-a", 0, T0);
        pipe("cam-a", 1, T0.plusMillis(100));
        assertThat(events.isEmpty()).as("two frames wait for the third").isTrue();
        pipe("cam-a", 2, T0.plusMillis(200));
        List<DetectionEvent> out = events.readValuesToList();
        assertThat(out).extracting(DetectionEvent::getFrameSequence).containsExactly(0L, 1L, 2L);
        assertThat(out).allSatisfy(e -> {
            assertThat(e.getStatus()).isEqualTo(DetectionStatus.OK);
            assertThat(e.getTimings().getBatchSize()).isEqualTo(3);
            assertThat(e.getDetections()).isNotEmpty();
        });
        assertThat(stats.batches()).isEqualTo(1);
    }

    @Test
    void aModelSwitchedWhileFramesWaitTakesOverAtTheNextBatchAndEventsNameIt() throws Exception {
        start(new BatchingSettings(2, Duration.ofSeconds(30), null));
        pipe("cam-a", 0, T0);
        pipe("cam-a", 1, T0.plusMillis(100));
        pipe("cam-a", 2, T0.plusMillis(200));
        ModelDetectors other = ModelDetectors.open(
                SmallModels.writeRandomMobileNet(tmp.resolve("model-b"), SmallModels.NAME, "0.0.2"), DeviceChoice.CPU);
        perThread.switchTo(other);
        pipe("cam-a", 3, T0.plusMillis(300));

        List<DetectionEvent> out = events.readValuesToList();
        assertThat(out).extracting(DetectionEvent::getFrameSequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(out.subList(0, 2)).allSatisfy(e -> {
            assertThat(e.getModelVersion()).isEqualTo(SmallModels.VERSION);
            assertThat(e.getModelDigest()).isEqualTo(detectors.model().digest());
        });
        assertThat(out.subList(2, 4))
                .as("frame 2 waited in the buffer across the switch; its batch ran on the new model")
                .allSatisfy(e -> {
                    assertThat(e.getModelVersion()).isEqualTo("0.0.2");
                    assertThat(e.getModelDigest()).isEqualTo(other.model().digest());
                    assertThat(e.getTimings().getBatchSize()).isEqualTo(2);
                });
        assertThat(other.model().digest()).isNotEqualTo(detectors.model().digest());
    }

    @Test
    void aPartialBatchFlushesWhenTheOldestFrameHasWaitedLongEnough() {
        start(new BatchingSettings(8, Duration.ofMillis(200), null));
        pipe("cam-a", 0, T0);
        pipe("cam-a", 1, T0);
        driver.advanceWallClockTime(Duration.ofMillis(50));
        assertThat(events.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMillis(1_000));
        List<DetectionEvent> out = events.readValuesToList();
        assertThat(out).extracting(DetectionEvent::getFrameSequence).containsExactly(0L, 1L);
        assertThat(out.get(0).getTimings().getBatchSize()).isEqualTo(2);

        // metrics: one detector call; both frames captured at T0 and published at T0 + 1,050 ms of wall clock
        assertThat(stats.batchDuration().count()).isEqualTo(stats.batches()).isEqualTo(1);
        assertThat(stats.batchDuration().totalTime(TimeUnit.SECONDS)).isPositive();
        Timer latency = stats.captureToEvent("cam-a").orElseThrow();
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.totalTime(TimeUnit.SECONDS)).isCloseTo(2 * 1.05, within(1e-9));
        assertThat(metrics.scrape())
                .contains("# TYPE vigil_detect_capture_to_event_seconds histogram")
                .contains("vigil_detect_capture_to_event_seconds_bucket{camera=\"cam-a\",le=\"1.0\"} 0")
                .contains("vigil_detect_capture_to_event_seconds_bucket{camera=\"cam-a\",le=\"2.5\"} 2")
                .contains("vigil_detect_frames_total{camera=\"cam-a\",outcome=\"detected\"} 2.0")
                .contains("vigil_detect_batch_duration_seconds_count 1");
    }

    @Test
    void framesOfEachCameraStayInOrderWhenCamerasInterleave() {
        start(new BatchingSettings(4, Duration.ofSeconds(30), null));
        for (int i = 0; i < 4; i++) {
            pipe("cam-a", i, T0.plusMillis(i * 100L));
            pipe("cam-b", i, T0.plusMillis(i * 100L + 50));
        }
        List<TestRecord<String, DetectionEvent>> out = events.readRecordsToList();
        assertThat(out).hasSize(8);
        assertThat(out.stream()
                        .filter(r -> r.key().equals("cam-a"))
                        .map(r -> r.value().getFrameSequence()))
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(out.stream()
                        .filter(r -> r.key().equals("cam-b"))
                        .map(r -> r.value().getFrameSequence()))
                .containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void framesOlderThanTheStaleAgeAreReportedNotRun() {
        start(new BatchingSettings(2, Duration.ofSeconds(30), Duration.ofSeconds(5)));
        pipe("cam-live", 0, T0.minusSeconds(60));
        pipe("cam-live", 1, T0);
        List<DetectionEvent> out = events.readValuesToList();
        assertThat(out)
                .extracting(DetectionEvent::getStatus)
                .containsExactly(DetectionStatus.SKIPPED_STALE, DetectionStatus.OK);
        assertThat(out.get(0).getDetections()).isEmpty();
        assertThat(stats.framesSkippedStale()).isEqualTo(1);
        assertThat(stats.framesDetected()).isEqualTo(1);
    }

    @Test
    void badFramesGoToTheDeadLetterTopicWithTheReasonAndTheGoodOnesGoOn() {
        start(new BatchingSettings(1, Duration.ofSeconds(30), null));
        byte[] wrongMagic = {1, 0, 0, 0, 1, 2, 3};
        byte[] unknownSchemaId = {0, 0, 0, 0x7f, 0x7f, 2, 3};
        Frame corruptJpeg = TestFrames.withImage(
                "cam-a", 7, T0, ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}), 160, 120);
        Frame oversized = TestFrames.withImage(
                "cam-a", 8, T0, TestFrames.frame("cam-a", 8, T0).getImage(), 100_000, 100_000);
        rawFrames.pipeInput(
                new TestRecord<>("cam-a", wrongMagic, new RecordHeaders().add("trace", "abc".getBytes()), T0));
        rawFrames.pipeInput("cam-a", unknownSchemaId, T0);
        frames.pipeInput("cam-a", corruptJpeg, T0);
        frames.pipeInput("cam-a", oversized, T0);
        pipe("cam-a", 9, T0);

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(4);
        assertThat(header(dead.get(0), DeadLetters.ERROR_MESSAGE)).containsIgnoringCase("magic");
        assertThat(header(dead.get(0), "trace")).isEqualTo("abc");
        assertThat(dead.get(0).value()).isEqualTo(wrongMagic);
        assertThat(header(dead.get(1), DeadLetters.ERROR_MESSAGE)).contains(String.valueOf(0x7f7f));
        assertThat(header(dead.get(2), DeadLetters.ERROR_MESSAGE))
                .contains("cam-a#7")
                .contains("could not be decoded");
        assertThat(header(dead.get(3), DeadLetters.ERROR_MESSAGE))
                .contains("cam-a#8")
                .contains("100000x100000");
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, DeadLetters.SOURCE_TOPIC)).isEqualTo("frames");
            assertThat(header(r, DeadLetters.ERROR_CLASS)).isNotBlank();
            assertThat(header(r, DeadLetters.SOURCE_OFFSET)).matches("\\d+");
        });
        assertThat(events.readValuesToList())
                .extracting(DetectionEvent::getFrameSequence)
                .containsExactly(9L);
        assertThat(stats.framesDeadLettered()).isEqualTo(4);
    }

    @Test
    void eventsCarryTheFrameIdentityModelAndTimestampAndAreDeterministic() throws Exception {
        start(new BatchingSettings(1, Duration.ofSeconds(30), null));
        Instant capture = T0.plusSeconds(3);
        Frame frame = TestFrames.frame("cam-z", 42, capture);
        frames.pipeInput(new TestRecord<>("cam-z", frame, new RecordHeaders().add("trace", "t-1".getBytes()), capture));
        frames.pipeInput(new TestRecord<>("cam-z", frame, capture));
        List<TestRecord<String, DetectionEvent>> out = events.readRecordsToList();
        TestRecord<String, DetectionEvent> first = out.get(0);
        DetectionEvent e = first.value();
        assertThat(first.key()).isEqualTo("cam-z");
        assertThat(first.getRecordTime()).isEqualTo(capture);
        assertThat(new String(first.headers().lastHeader("trace").value(), StandardCharsets.UTF_8))
                .isEqualTo("t-1");
        assertThat(e.getCameraId()).isEqualTo("cam-z");
        assertThat(e.getFrameSequence()).isEqualTo(42);
        assertThat(e.getFrameTime()).isEqualTo(capture);
        assertThat(e.getImageWidth()).isEqualTo(160);
        assertThat(e.getImageHeight()).isEqualTo(120);
        assertThat(e.getModelName()).isEqualTo(SmallModels.NAME);
        assertThat(e.getModelVersion()).isEqualTo(SmallModels.VERSION);
        assertThat(e.getModelDigest())
                .as("the SHA-256 of the weights that ran")
                .isEqualTo(detectors.model().digest())
                .isEqualTo(Sha256.of(tmp.resolve("model").resolve(ModelArtifact.WEIGHTS)));
        assertThat(e.getTimings().getInferenceMs()).isPositive();
        assertThat(e.getDetections()).allSatisfy(d -> {
            assertThat(d.getX1()).isBetween(0f, 160f);
            assertThat(d.getX2()).isBetween(d.getX1(), 160f);
            assertThat(d.getY2()).isBetween(d.getY1(), 120f);
            assertThat(d.getLabel()).isNotBlank();
        });
        assertThat(out.get(1).value().getEventId())
                .as("same frame, same model, same id")
                .isEqualTo(e.getEventId());
    }

    @Test
    void eachFrameIsDeserializedOnceOnItsWayThroughReaderBatcherAndDetectStep() {
        stats = new DetectStats();
        AtomicInteger deserialized = new AtomicInteger();
        Deserializer<Frame> real = AvroSerdes.specific(Frame.class, serdeConfig).deserializer();
        Deserializer<Frame> counting = (topic, bytes) -> {
            deserialized.incrementAndGet();
            return real.deserialize(topic, bytes);
        };
        Topology topology = DetectTopology.build(
                TOPICS,
                new BatchingSettings(3, Duration.ofSeconds(30), null),
                DetectSettings.DEFAULT_MAX_IMAGE_PIXELS,
                counting,
                AvroSerdes.specific(DetectionEvent.class, serdeConfig).serializer(),
                new PerThreadDetectors(detectors),
                stats);
        TopologyDescription.Subtopology steps =
                topology.describe().subtopologies().iterator().next();
        Map<String, Set<String>> children = new java.util.TreeMap<>();
        steps.nodes()
                .forEach(n -> children.put(
                        n.name(),
                        n.successors().stream()
                                .map(TopologyDescription.Node::name)
                                .collect(java.util.stream.Collectors.toSet())));
        assertThat(children)
                .containsEntry(DetectTopology.SOURCE, Set.of(DetectTopology.READER))
                .containsEntry(DetectTopology.READER, Set.of(DetectTopology.BATCHER, DetectTopology.DLQ_SINK))
                .containsEntry(DetectTopology.BATCHER, Set.of(DetectTopology.DETECTOR))
                .containsEntry(
                        DetectTopology.DETECTOR, Set.of(DetectTopology.DETECTIONS_SINK, DetectTopology.DLQ_SINK));

        Properties props = DetectApplication.properties(
                DetectTopologyDriver.settings("detect-once", tmp.resolve("state-once"), serdeConfig)
                        .build());
        driver = new TopologyTestDriver(topology, props, T0);
        frames = driver.createInputTopic(
                "frames",
                new StringSerializer(),
                AvroSerdes.specific(Frame.class, serdeConfig).serializer());
        events = driver.createOutputTopic(
                "detections",
                new StringDeserializer(),
                AvroSerdes.specific(DetectionEvent.class, serdeConfig).deserializer());
        for (int i = 0; i < 6; i++) {
            pipe("cam-a", i, T0.plusMillis(i));
        }
        assertThat(events.readValuesToList()).hasSize(6);
        assertThat(stats.batches()).isEqualTo(2);
        assertThat(deserialized.get()).as("one deserialization per frame").isEqualTo(6);
    }

    private static String header(TestRecord<String, byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
