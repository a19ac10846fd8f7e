package dev.vigil.stream.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ObjectEvent;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.DetectProcess;
import dev.vigil.stream.testing.FootageFrames;
import dev.vigil.stream.testing.FrameProducer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera's track ids after an application reset, on the real broker with the real {@code vigil detect} in its own
 * JVM and the shipped model on the sample footage: a first application tracks a camera's frames; retention deletes
 * them; a new application id, with a state of its own, tracks the camera's next frames. Its ids must all be above the
 * first application's, in the detection events and in the object events (a subscriber of both would otherwise take two
 * people for one).
 */
class TrackIdsAfterResetIT {

    static final String CAMERA = "plaza-a";
    /** The camera's frame 0 is vtest.avi's picture 560; people walk across in every frame. */
    static final int FIRST_PICTURE = 560;

    static final int FRAMES_PER_RUN = 20;
    static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path tmp;

    /** What one application published. */
    record Published(List<DetectionEvent> events, List<ObjectEvent> objects) {
        List<Long> trackIds() {
            return events.stream()
                    .flatMap(e -> e.getDetections().stream())
                    .map(Detection::getTrackId)
                    .filter(Objects::nonNull)
                    .toList();
        }
    }

    @Test
    void aNewApplicationsTrackIdsForACameraAreAboveEveryIdTheOldOneGaveIt() throws Exception {
        assertThat(TrackingCrashIT.FOOTAGE)
                .withFailMessage("Sample footage missing: run scripts/fetch-sample-data.sh")
                .exists();
        Path log = tmp.resolve("detect.log");
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            produce(infra, 0);
            Published before = run(infra, "before", log);

            deleteFrames(infra); // as retention would: the new application starts at the camera's next frames
            produce(infra, FRAMES_PER_RUN);
            Published after = run(infra, "after", log);

            assertThat(before.trackIds()).as("the first run tracked people").isNotEmpty();
            assertThat(after.trackIds()).as("the second run tracked people").isNotEmpty();
            long highestBefore = before.trackIds().stream().max(Long::compare).orElseThrow();
            assertThat(after.trackIds())
                    .as("detection events' track ids after the reset")
                    .allSatisfy(id -> assertThat(id).isGreaterThan(highestBefore));
            assertThat(after.objects())
                    .as("object events after the reset")
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getTrackId()).isGreaterThan(highestBefore));
        } catch (AssertionError e) {
            if (Files.exists(log)) {
                System.err.println("---- detect.log ----");
                System.err.println(Files.readString(log));
            }
            throw e;
        }
    }

    private static void produce(LocalInfrastructure infra, long fromSequence) throws Exception {
        List<Frame> frames =
                FootageFrames.read(TrackingCrashIT.FOOTAGE, CAMERA, FIRST_PICTURE, T0, fromSequence, FRAMES_PER_RUN);
        try (FrameProducer producer =
                new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.FRAMES)) {
            for (Frame frame : frames) {
                producer.send(frame);
            }
        }
    }

    /** Deletes every frame on the topic so far. */
    private static void deleteFrames(LocalInfrastructure infra) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            admin.describeTopics(List.of(Topics.FRAMES))
                    .allTopicNames()
                    .get()
                    .get(Topics.FRAMES)
                    .partitions()
                    .forEach(
                            p -> partitions.put(new TopicPartition(Topics.FRAMES, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
            admin.listOffsets(partitions)
                    .all()
                    .get()
                    .forEach((partition, end) -> deletions.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(deletions).all().get();
        }
    }

    /** Runs a new application {@code vigil-detect-NAME}, with a state of its own, until it has tracked every frame. */
    private Published run(LocalInfrastructure infra, String name, Path log) throws Exception {
        String detections = Topics.DETECTIONS + "-" + name;
        String objects = Topics.OBJECTS + "-" + name;
        try (DetectProcess detect = DetectProcess.start(
                infra,
                TrackingCrashIT.MODEL,
                tmp.resolve("state-" + name),
                log,
                "--application-id",
                "vigil-detect-" + name,
                "--detections-topic",
                detections,
                "--objects-topic",
                objects,
                "--counts-topic",
                Topics.COUNTS + "-" + name,
                "--dlq-topic",
                Topics.FRAMES_DLQ + "-" + name)) {
            List<DetectionEvent> events = AvroRecords.values(
                    infra, detections, DetectionEvent.class, FRAMES_PER_RUN, Duration.ofSeconds(240));
            assertThat(events).as("events of run " + name).hasSize(FRAMES_PER_RUN);
            detect.stop();
            return new Published(
                    events,
                    AvroRecords.values(infra, objects, ObjectEvent.class, Integer.MAX_VALUE, Duration.ofSeconds(5)));
        }
    }
}
