package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.stream.detect.motion.MotionSettings;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.FrameProducer;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.StillScene;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The motion gate on the real in-process broker, exactly once, with the real detector (a small random Faster R-CNN):
 * a still stretch gives REUSED_NO_MOTION events carrying the last run frame's boxes, a real detection at least every
 * N frames, a walker brings real detections back, and every frame has exactly one committed event.
 */
class MotionGateIT {

    @TempDir
    Path tmp;

    @Test
    void aStillStretchReusesTheLastBoxesAWalkerBringsDetectionsBackAndEachFrameHasOneEvent() throws Exception {
        int maxReused = 8;
        // frames 0-11 still, 12-15 a walker crossing, 16-19 still again
        int[] walker = new int[20];
        java.util.Arrays.fill(walker, -1);
        for (int i = 12; i < 16; i++) {
            walker[i] = 40 * (i - 11);
        }
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            TopicProvisioner.ensure(
                    Map.of("bootstrap.servers", infra.bootstrapServers()),
                    TopicSettings.defaults(),
                    Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            DetectSettings settings = DetectSettings.builder(
                            "motion-gate-test",
                            tmp.resolve("state"),
                            Map.of("bootstrap.servers", infra.bootstrapServers()),
                            Map.of("schema.registry.url", infra.schemaRegistryUrl()))
                    .batching(new BatchingSettings(4, Duration.ofMillis(100), null))
                    .maxMessageBytes(1 << 22)
                    .motion(new MotionSettings(
                            true,
                            MotionSettings.DEFAULT_WIDTH,
                            MotionSettings.DEFAULT_PIXEL_DELTA,
                            MotionSettings.DEFAULT_MIN_AREA,
                            maxReused,
                            Duration.ofMinutes(1)))
                    .build();
            ModelDetectors detectors =
                    ModelDetectors.open(SmallModels.writeRandomMobileNet(tmp.resolve("model")), DeviceChoice.CPU);
            try (DetectApplication app = DetectApplication.start(settings, detectors);
                    FrameProducer producer =
                            new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.FRAMES)) {
                Instant t0 = Instant.parse("2026-12-07T22:00:00Z");
                for (int i = 0; i < walker.length; i++) {
                    producer.send(StillScene.frame("yard", i, t0.plusMillis(200L * i), walker[i], 0));
                }
                AvroRecords.read(
                        infra.bootstrapServers(),
                        infra.schemaRegistryUrl(),
                        Topics.DETECTIONS,
                        DetectionEvent.class,
                        walker.length,
                        Duration.ofSeconds(120));
                // then everything there is, giving a duplicate, if there were one, time to show
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
                        .containsExactlyElementsOf(
                                LongStream.range(0, walker.length).boxed().toList());
                List<DetectionStatus> expected = new ArrayList<>();
                for (int i = 0; i < walker.length; i++) {
                    boolean run = i == 0 // the camera's first frame
                            || i == maxReused + 1 // the reuse lasted its most frames
                            || (i >= 12 && i <= 16); // the walker, and the first frame after it left
                    expected.add(run ? DetectionStatus.OK : DetectionStatus.REUSED_NO_MOTION);
                }
                assertThat(events).extracting(DetectionEvent::getStatus).containsExactlyElementsOf(expected);
                DetectionEvent lastRun = null;
                for (DetectionEvent e : events) {
                    if (e.getStatus() == DetectionStatus.OK) {
                        lastRun = e;
                    } else {
                        assertThat(MotionGateTopologyTest.boxes(e))
                                .as(
                                        "frame %d carries the boxes of frame %d",
                                        e.getFrameSequence(), lastRun.getFrameSequence())
                                .isEqualTo(MotionGateTopologyTest.boxes(lastRun));
                    }
                }
                assertThat(events.get(0).getDetections()).isNotEmpty();
                long run =
                        expected.stream().filter(s -> s == DetectionStatus.OK).count();
                assertThat(app.stats().framesDetected()).isEqualTo(run);
                assertThat(app.stats().framesReused()).isEqualTo(walker.length - run);
            }
        }
    }
}
