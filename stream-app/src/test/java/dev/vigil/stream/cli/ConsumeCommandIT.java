package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.ObjectBox;
import dev.vigil.schemas.ObjectEvent;
import dev.vigil.schemas.ObjectEventType;
import dev.vigil.schemas.ObjectUpdateReason;
import dev.vigil.schemas.Timings;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.CliRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code vigil consume} prints Avro detection events from a real broker as clean JSON lines. */
class ConsumeCommandIT {

    static final String TOPIC = "detections-consume-test";
    static final Instant T0 = Instant.parse("2026-11-24T12:00:00.040Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalInfrastructure infra;

    @BeforeAll
    static void produceEvents() {
        infra = LocalInfrastructure.startEphemeral();
        List<DetectionEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(event(
                    "cam-a",
                    i,
                    i == 1
                            ? List.of()
                            : List.of(
                                    new Detection(1, "person", 0.875f, 10f, 20.5f, 110f, 220f, 7L),
                                    new Detection(3, "car", 0.5f, 0f, 0f, 64f, 48f, null))));
            events.add(event("cam-b", i, List.of()));
        }
        AvroRecords.write(
                infra.bootstrapServers(),
                infra.schemaRegistryUrl(),
                TOPIC,
                DetectionEvent.class,
                events,
                DetectionEvent::getCameraId,
                DetectionEvent::getFrameTime);
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    static DetectionEvent event(String camera, long sequence, List<Detection> detections) {
        return DetectionEvent.newBuilder()
                .setEventId(camera + "-" + sequence)
                .setCameraId(camera)
                .setFrameSequence(sequence)
                .setFrameTime(T0.plusMillis(100 * sequence))
                .setDetectionTime(T0.plusMillis(100 * sequence + 250))
                .setImageWidth(640)
                .setImageHeight(360)
                .setModelName("test-model")
                .setModelVersion("1.2.3")
                .setStatus(DetectionStatus.OK)
                .setTimings(new Timings(12.5, 80.0, 4))
                .setDetections(detections)
                .build();
    }

    private static CliRun consume(String... options) {
        List<String> args = new ArrayList<>(List.of(
                "consume",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--topic",
                TOPIC));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<JsonNode> lines(CliRun run) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void oneCamerasEventsFromTheBeginningAsJsonLines() throws Exception {
        CliRun run = consume("--from-beginning", "--camera", "cam-a", "--max-records", "3", "--timeout", "20s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> events = lines(run);
        assertThat(events).extracting(e -> e.get("event_id").asText()).containsExactly("cam-a-0", "cam-a-1", "cam-a-2");
        JsonNode first = events.get(0);
        assertThat(first.get("camera_id").asText()).isEqualTo("cam-a");
        assertThat(first.get("frame_sequence").asLong()).isZero();
        assertThat(first.get("frame_time").asText()).isEqualTo("2026-11-24T12:00:00.040Z");
        assertThat(first.get("detection_time").asText()).isEqualTo("2026-11-24T12:00:00.290Z");
        assertThat(first.get("image_width").asInt()).isEqualTo(640);
        assertThat(first.get("model_version").asText()).isEqualTo("1.2.3");
        assertThat(first.get("status").asText()).isEqualTo("OK");
        assertThat(first.get("timings").get("queue_ms").asDouble()).isEqualTo(12.5);
        assertThat(first.get("timings").get("batch_size").asInt()).isEqualTo(4);
        JsonNode person = first.get("detections").get(0);
        assertThat(person.get("label").asText()).isEqualTo("person");
        assertThat(person.get("class_id").asInt()).isEqualTo(1);
        assertThat(person.get("score").floatValue()).isEqualTo(0.875f);
        assertThat(List.of(person.get("x1"), person.get("y1"), person.get("x2"), person.get("y2")))
                .extracting(JsonNode::floatValue)
                .containsExactly(10.0f, 20.5f, 110.0f, 220.0f);
        assertThat(person.get("track_id").asLong()).isEqualTo(7);
        assertThat(first.get("detections").get(1).get("track_id").isNull())
                .as("a box without a track")
                .isTrue();
        assertThat(events.get(1).get("detections")).isEmpty();
    }

    @Test
    void objectEventsPrintAsJsonLinesToo() throws Exception {
        ObjectBox box = new ObjectBox(10f, 20f, 110f, 220f);
        List<ObjectEvent> objects = List.of(
                ObjectEvent.newBuilder()
                        .setEventId("gate-new-7")
                        .setType(ObjectEventType.NEW)
                        .setCameraId("gate")
                        .setTrackId(7)
                        .setClassId(1)
                        .setLabel("person")
                        .setFrameSequence(12)
                        .setFirstSeen(T0)
                        .setLastSeen(T0)
                        .setTopScore(0.9f)
                        .setBestFrameSequence(12)
                        .setBestBox(box)
                        .setBox(box)
                        .setStationary(false)
                        .setPathLength(0)
                        .build(),
                ObjectEvent.newBuilder()
                        .setEventId("yard-update-3")
                        .setType(ObjectEventType.UPDATE)
                        .setReasons(List.of(ObjectUpdateReason.ZONE_ENTERED))
                        .setCameraId("yard")
                        .setTrackId(3)
                        .setClassId(1)
                        .setLabel("person")
                        .setFrameSequence(40)
                        .setFirstSeen(T0)
                        .setLastSeen(T0.plusSeconds(2))
                        .setTopScore(0.8f)
                        .setBestFrameSequence(30)
                        .setBestBox(box)
                        .setBox(box)
                        .setZones(List.of("door"))
                        .setStationary(false)
                        .setPathLength(42.5)
                        .build());
        AvroRecords.write(
                infra.bootstrapServers(),
                infra.schemaRegistryUrl(),
                "objects-consume-test",
                ObjectEvent.class,
                objects,
                ObjectEvent::getCameraId,
                ObjectEvent::getLastSeen);

        CliRun run = CliRun.of(
                "consume",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--topic",
                "objects-consume-test",
                "--from-beginning",
                "--camera",
                "yard",
                "--timeout",
                "2s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = lines(run);
        assertThat(lines).hasSize(1);
        JsonNode update = lines.get(0);
        assertThat(update.get("type").asText()).isEqualTo("UPDATE");
        assertThat(update.get("reasons").get(0).asText()).isEqualTo("ZONE_ENTERED");
        assertThat(update.get("track_id").asLong()).isEqualTo(3);
        assertThat(update.get("zones").get(0).asText()).isEqualTo("door");
        assertThat(update.get("last_seen").asText()).isEqualTo("2026-11-24T12:00:02.040Z");
        assertThat(update.get("path_length").asDouble()).isEqualTo(42.5);
    }

    @Test
    void withoutALimitItStopsAfterTheTimeoutWithEveryEvent() throws Exception {
        CliRun run = consume("--from-beginning", "--timeout", "2s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines(run))
                .extracting(e -> e.get("event_id").asText())
                .containsExactlyInAnyOrder("cam-a-0", "cam-a-1", "cam-a-2", "cam-b-0", "cam-b-1", "cam-b-2");
    }

    @Test
    void withoutFromBeginningOnlyNewEventsArePrinted() throws Exception {
        CliRun run = consume("--timeout", "2s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines(run)).isEmpty();
    }

    @Test
    void aMissingTopicIsNamed() {
        CliRun run = CliRun.of(
                "consume",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--topic",
                "no-such-topic",
                "--timeout",
                "1s",
                "--connect-timeout",
                "3s");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Topic 'no-such-topic' does not exist");
    }
}
