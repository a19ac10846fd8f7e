package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.TestVideos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event ids across ingest restarts, on the real broker: a live camera's frame sequence starts again at 0 with each
 * ingest run, and its events still never share an id; a file ingested again gives its frames the same identity and
 * their events the same ids, so the re-sent frames are recognisable duplicates.
 */
class EventIdentityIT {

    static final int FRAMES_PER_RUN = 4;

    @TempDir
    Path tmp;

    @Test
    void eventIdsAreUniqueAcrossLiveRestartsAndRepeatForAReIngestedFile() throws Exception {
        Path video = TestVideos.mp4(tmp.resolve("clip.mp4"), 12, 25, 160, 120);
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            for (int run = 0; run < 2; run++) {
                ingest(infra, "live-cam=" + video, "live");
                ingest(infra, "file-cam=" + video, "fast");
            }
            ModelDetectors detectors =
                    ModelDetectors.open(SmallModels.writeRandomMobileNet(tmp.resolve("model")), DeviceChoice.CPU);
            List<DetectionEvent> events;
            try (DetectApplication app = DetectApplication.start(
                    DetectSettings.defaults(
                            "identity-test",
                            tmp.resolve("state"),
                            Map.of("bootstrap.servers", infra.bootstrapServers()),
                            Map.of("schema.registry.url", infra.schemaRegistryUrl())),
                    detectors)) {
                events = AvroRecords.read(
                                infra.bootstrapServers(),
                                infra.schemaRegistryUrl(),
                                Topics.DETECTIONS,
                                DetectionEvent.class,
                                4 * FRAMES_PER_RUN,
                                Duration.ofSeconds(120))
                        .stream()
                        .map(ConsumerRecord::value)
                        .toList();
            }
            assertThat(events).hasSize(4 * FRAMES_PER_RUN);
            Map<String, List<DetectionEvent>> byCamera =
                    events.stream().collect(Collectors.groupingBy(DetectionEvent::getCameraId));

            List<DetectionEvent> live = byCamera.get("live-cam");
            assertThat(live).extracting(DetectionEvent::getFrameSequence).containsOnly(0L, 1L, 2L, 3L);
            assertThat(live.stream().map(DetectionEvent::getIngestRunId).distinct())
                    .as("one run id per ingest start")
                    .hasSize(2)
                    .allSatisfy(id -> assertThat(id).isNotBlank());
            assertThat(live.stream().map(DetectionEvent::getEventId).distinct())
                    .as("no two frames of a live camera share an event id, though their sequences restarted")
                    .hasSize(2 * FRAMES_PER_RUN);

            List<DetectionEvent> file = byCamera.get("file-cam");
            assertThat(file.stream().map(DetectionEvent::getIngestRunId).distinct())
                    .as("a file's frames keep their identity when it is ingested again")
                    .hasSize(1)
                    .allSatisfy(id -> assertThat(id).startsWith("file-"));
            Map<String, List<DetectionEvent>> duplicates =
                    file.stream().collect(Collectors.groupingBy(DetectionEvent::getEventId));
            assertThat(duplicates).hasSize(FRAMES_PER_RUN);
            assertThat(duplicates.values()).allSatisfy(same -> {
                assertThat(same).hasSize(2);
                assertThat(same.get(0).getFrameSequence()).isEqualTo(same.get(1).getFrameSequence());
                assertThat(same.get(0).getFrameTime()).isEqualTo(same.get(1).getFrameTime());
            });
        }
    }

    private static void ingest(LocalInfrastructure infra, String camera, String replay) {
        CliRun run = CliRun.of(
                "ingest",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--camera",
                camera,
                "--replay",
                replay,
                "--max-frames",
                String.valueOf(FRAMES_PER_RUN));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }
}
