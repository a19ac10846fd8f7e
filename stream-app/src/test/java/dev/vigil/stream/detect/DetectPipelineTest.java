package dev.vigil.stream.detect;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.DetectionReader;
import dev.vigil.stream.testing.FrameProducer;
import dev.vigil.stream.testing.SmallModels;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** frames → detect (exactly-once, real detector) → detections on the real in-process broker. */
class DetectPipelineTest {

    @TempDir
    Path tmp;

    @Test
    void everyFrameGivesExactlyOneCommittedEvent() throws Exception {
        int perCamera = 12;
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
                new TopicProvisioner(admin, TopicSettings.defaults())
                        .ensure(Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            }
            DetectSettings settings = new DetectSettings("pipeline-test",
                    new DetectTopology.TopicNames(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ),
                    new BatchingSettings(4, Duration.ofMillis(100), null), 1, DetectSettings.EXACTLY_ONCE_V2,
                    tmp.resolve("state"), 1 << 22, Map.of("bootstrap.servers", infra.bootstrapServers()),
                    Map.of("schema.registry.url", infra.schemaRegistryUrl()));
            ModelDetectors detectors = ModelDetectors.open(SmallModels.writeRandomMobileNet(tmp.resolve("model")),
                    DeviceChoice.CPU);
            try (DetectApplication app = DetectApplication.start(settings, detectors);
                 FrameProducer producer = new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(),
                         Topics.FRAMES)) {
                Instant t0 = Instant.parse("2026-11-24T12:00:00Z");
                for (int i = 0; i < perCamera; i++) {
                    producer.send("cam-1", i, t0.plusMillis(100L * i));
                    producer.send("cam-2", i, t0.plusMillis(100L * i + 50));
                }
                List<DetectionEvent> events = DetectionReader.readCommitted(infra.bootstrapServers(),
                        infra.schemaRegistryUrl(), Topics.DETECTIONS, e -> e.size() >= 2 * perCamera,
                        Duration.ofSeconds(120));
                assertThat(events).hasSize(2 * perCamera);
                assertThat(events).allSatisfy(e -> assertThat(e.getStatus()).isEqualTo(DetectionStatus.OK));
                Map<String, List<Long>> byCamera = events.stream().collect(Collectors.groupingBy(
                        DetectionEvent::getCameraId, Collectors.mapping(DetectionEvent::getFrameSequence, Collectors.toList())));
                List<Long> expected = java.util.stream.LongStream.range(0, perCamera).boxed().toList();
                assertThat(byCamera.get("cam-1")).containsExactlyElementsOf(expected);
                assertThat(byCamera.get("cam-2")).containsExactlyElementsOf(expected);
                assertThat(app.stats().framesDetected()).isEqualTo(2L * perCamera);
            }
        }
    }
}
