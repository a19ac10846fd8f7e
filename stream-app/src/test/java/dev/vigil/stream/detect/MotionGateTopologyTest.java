package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import dev.vigil.stream.detect.motion.MotionSettings;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.testing.DetectTopologyDriver;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.StillScene;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detect topology with the motion gate on, on Kafka's TopologyTestDriver, with the real detector (a small randomly
 * initialised Faster R-CNN) and the real registry REST server: still frames get their camera's last detection as
 * REUSED_NO_MOTION without a detector call, a walker brings real detections back, a frame that would reuse a failed
 * detection fails with it.
 */
class MotionGateTopologyTest {

    static final Instant T0 = Instant.parse("2026-12-07T21:00:00Z");

    @TempDir
    static Path tmp;

    static EmbeddedSchemaRegistry registry;
    static ModelDetectors detectors;
    static Map<String, Object> serdeConfig;

    DetectTopologyDriver topology;
    PrometheusMeterRegistry metrics;
    DetectStats stats;

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

    @AfterEach
    void closeDriver() {
        topology.close();
    }

    void start(int batchSize, FrameBatchDetector detector) {
        metrics = VigilMetrics.newRegistry();
        stats = new DetectStats(metrics);
        topology = new DetectTopologyDriver(
                DetectTopologyDriver.settings("motion-test", tmp.resolve("state"), serdeConfig)
                        .batching(new BatchingSettings(batchSize, Duration.ofSeconds(30), null))
                        .motion(MotionSettings.off().withEnabled(true))
                        .build(),
                () -> detector,
                stats,
                T0);
    }

    /** Frame {@code sequence} of cam-a, 200 ms after the one before, with the walker at {@code walkerX} (-1: none). */
    void pipe(long sequence, int walkerX) {
        Instant capture = T0.plusMillis(200 * sequence);
        topology.frames.pipeInput(
                new TestRecord<>("cam-a", StillScene.frame("cam-a", sequence, capture, walkerX, 0), capture));
    }

    /** The boxes without the tracker's ids (which the tracking stage gives each frame anew). */
    static List<List<Object>> boxes(DetectionEvent event) {
        return event.getDetections().stream()
                .map(d -> List.<Object>of(d.getClassId(), d.getScore(), d.getX1(), d.getY1(), d.getX2(), d.getY2()))
                .toList();
    }

    @Test
    void stillFramesReuseTheLastDetectionWithoutADetectorCallAndAWalkerBringsRealDetectionsBack() {
        start(1, detectors.get());
        int[] walker = {-1, -1, -1, -1, -1, 100, 140, -1, -1};
        for (int i = 0; i < walker.length; i++) {
            pipe(i, walker[i]);
        }

        List<DetectionEvent> out = topology.events.readValuesToList();
        assertThat(out)
                .extracting(DetectionEvent::getFrameSequence)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(out)
                .extracting(DetectionEvent::getStatus)
                .as("still: reused; the walker comes and moves: run; gone: run (it was in the last run frame); still")
                .containsExactly(
                        DetectionStatus.OK,
                        DetectionStatus.REUSED_NO_MOTION,
                        DetectionStatus.REUSED_NO_MOTION,
                        DetectionStatus.REUSED_NO_MOTION,
                        DetectionStatus.REUSED_NO_MOTION,
                        DetectionStatus.OK,
                        DetectionStatus.OK,
                        DetectionStatus.OK,
                        DetectionStatus.REUSED_NO_MOTION);
        assertThat(out.get(0).getDetections())
                .as("the random model finds something")
                .isNotEmpty();
        for (int i : new int[] {1, 2, 3, 4}) {
            assertThat(boxes(out.get(i))).isEqualTo(boxes(out.get(0)));
            assertThat(out.get(i).getTimings().getBatchSize()).isZero();
            assertThat(out.get(i).getTimings().getInferenceMs()).isZero();
            assertThat(out.get(i).getImageWidth()).isEqualTo(StillScene.WIDTH);
            assertThat(out.get(i).getModelDigest()).isEqualTo(detectors.model().digest());
        }
        assertThat(boxes(out.get(8))).isEqualTo(boxes(out.get(7)));
        assertThat(out.get(5).getTimings().getBatchSize()).isEqualTo(1);
        assertThat(stats.batches()).as("detector calls").isEqualTo(4);
        assertThat(stats.framesDetected()).isEqualTo(4);
        assertThat(stats.framesReused()).isEqualTo(5);
        assertThat(stats.motionCheck().count()).isEqualTo(9);
        assertThat(metrics.scrape())
                .contains("vigil_detect_frames_total{camera=\"cam-a\",outcome=\"reused_no_motion\"} 5.0")
                .contains("vigil_detect_frames_total{camera=\"cam-a\",outcome=\"detected\"} 4.0")
                .contains("vigil_detect_motion_check_seconds_count 9");
    }

    @Test
    void aStillFrameReusesTheDetectionOfTheFrameRunBeforeItInTheSameBatch() {
        start(4, detectors.get());
        pipe(0, -1);
        pipe(1, 100); // the walker comes: run
        pipe(2, 100); // stands: reuses frame 1's detection, which comes back in the same detector call
        pipe(3, -1); // gone: run

        List<DetectionEvent> out = topology.events.readValuesToList();
        assertThat(out)
                .extracting(DetectionEvent::getStatus)
                .containsExactly(
                        DetectionStatus.OK, DetectionStatus.OK, DetectionStatus.REUSED_NO_MOTION, DetectionStatus.OK);
        assertThat(boxes(out.get(2))).isEqualTo(boxes(out.get(1)));
        assertThat(stats.batches()).isEqualTo(1);
        assertThat(out.get(0).getTimings().getBatchSize())
                .as("three frames in the detector call")
                .isEqualTo(3);
    }

    @Test
    void stillFramesBeforeARunFrameOfTheSameBatchReuseTheDetectionTheyWereLike() {
        start(4, detectors.get());
        pipe(0, -1);
        pipe(1, -1); // still: like frame 0
        pipe(2, -1);
        pipe(3, 100); // the walker comes: run, and the camera's reference from now on

        List<DetectionEvent> out = topology.events.readValuesToList();
        assertThat(out)
                .extracting(DetectionEvent::getStatus)
                .containsExactly(
                        DetectionStatus.OK,
                        DetectionStatus.REUSED_NO_MOTION,
                        DetectionStatus.REUSED_NO_MOTION,
                        DetectionStatus.OK);
        assertThat(boxes(out.get(1))).isEqualTo(boxes(out.get(0)));
        assertThat(boxes(out.get(2))).isEqualTo(boxes(out.get(0)));
        assertThat(out.get(0).getTimings().getBatchSize())
                .as("frames 0 and 3 in one detector call")
                .isEqualTo(2);
    }

    @Test
    void aFrameThatWouldReuseAFailedDetectionFailsAndIsDeadLetteredAndTheNextIsRun() {
        FrameBatchDetector real = detectors.get();
        FrameBatchDetector failingOnFrame0 = new FrameBatchDetector() {
            @Override
            public ModelIdentity model() {
                return real.model();
            }

            @Override
            public List<FrameResult> detect(List<Frame> batch) {
                if (batch.stream().anyMatch(f -> f.getFrameSequence() == 0)) {
                    throw new IllegalStateException("out of memory (test)");
                }
                return real.detect(batch);
            }
        };
        start(2, failingOnFrame0);
        pipe(0, -1);
        pipe(1, -1); // still: would reuse frame 0's detection, which failed
        pipe(2, -1); // the camera starts again: run
        pipe(3, -1);

        List<DetectionEvent> out = topology.events.readValuesToList();
        assertThat(out)
                .extracting(DetectionEvent::getStatus)
                .containsExactly(
                        DetectionStatus.FAILED,
                        DetectionStatus.FAILED,
                        DetectionStatus.OK,
                        DetectionStatus.REUSED_NO_MOTION);
        assertThat(topology.deadLetters.readRecordsToList())
                .extracting(r -> new String(
                        r.headers().lastHeader(DeadLetters.ERROR_MESSAGE).value(), StandardCharsets.UTF_8))
                .satisfiesExactly(
                        first -> assertThat(first).isEqualTo("out of memory (test)"),
                        second -> assertThat(second)
                                .contains("cam-a")
                                .contains("showed no motion, but the detection of its camera it would reuse failed"));
        assertThat(boxes(out.get(3))).isEqualTo(boxes(out.get(2)));
    }
}
