package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schemas.Annotation;
import dev.vigil.schemas.AnnotationSource;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.LabelledBox;
import dev.vigil.schemas.Timings;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.FrameProducer;
import dev.vigil.stream.testing.TestFrames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil snapshot}: frames and annotations on a real broker → images + COCO JSON, resumable. */
class SnapshotCommandIT {

    static final String FRAMES = "snapshot-frames";
    static final String ANNOTATIONS = "snapshot-annotations";
    static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalInfrastructure infra;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.startEphemeral();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            TopicSettings threePartitions = new TopicSettings(
                    true, 3, (short) 1, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES, -1, Duration.ofSeconds(30));
            new TopicProvisioner(admin, threePartitions).ensure(Set.of(FRAMES, ANNOTATIONS));
        }
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    static Instant capture(long sequence) {
        return T0.plusMillis(100 * sequence);
    }

    static void sendFrames(String camera, long fromSequence, long toSequence) {
        try (FrameProducer producer = new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), FRAMES)) {
            for (long s = fromSequence; s < toSequence; s++) {
                producer.send(camera, s, capture(s));
            }
        }
    }

    static Annotation annotation(String camera, long sequence, AnnotationSource source, LabelledBox... boxes) {
        return Annotation.newBuilder()
                .setCameraId(camera)
                .setFrameSequence(sequence)
                .setFrameTime(capture(sequence))
                .setSource(source)
                .setAuthor(source == AnnotationSource.HUMAN ? "alice" : "teacher-1")
                .setBoxes(List.of(boxes))
                .build();
    }

    static LabelledBox box(String label, float x1, float y1, float x2, float y2, Float score, boolean ignore) {
        return new LabelledBox(label, x1, y1, x2, y2, score, ignore);
    }

    static void sendAnnotations(Annotation... annotations) {
        AvroRecords.write(
                infra.bootstrapServers(),
                infra.schemaRegistryUrl(),
                ANNOTATIONS,
                Annotation.class,
                List.of(annotations),
                Annotation::getCameraId,
                Annotation::getFrameTime);
    }

    static CliRun snapshot(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "snapshot",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--frames-topic",
                FRAMES,
                "--annotations-topic",
                ANNOTATIONS,
                "--out",
                out.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    static List<JsonNode> array(JsonNode coco, String field) {
        return StreamSupport.stream(coco.get(field).spliterator(), false).toList();
    }

    static byte[] jpegOf(String camera, long sequence) {
        Frame f = TestFrames.frame(camera, sequence, capture(sequence));
        byte[] bytes = new byte[f.getImage().remaining()];
        f.getImage().duplicate().get(bytes);
        return bytes;
    }

    @Test
    void exportsFramesAndAnnotationsThenResumesWithoutDuplicatesOrGaps() throws Exception {
        sendFrames("cam-1", 0, 6);
        sendFrames("cam-2", 0, 6);
        sendFrames("cam-3", 0, 3);
        sendAnnotations(
                annotation("cam-1", 0, AnnotationSource.TEACHER, box("person", 1, 1, 9, 9, 0.7f, false)),
                annotation(
                        "cam-1",
                        0,
                        AnnotationSource.HUMAN,
                        box("person", 10, 20, 50, 100, null, false),
                        box("car", 0, 0, 30, 10, null, true)),
                annotation("cam-2", 3, AnnotationSource.TEACHER, box("dog", 5, 5, 25, 15, 0.9f, false)),
                annotation("cam-3", 0, AnnotationSource.HUMAN, box("bicycle", 0, 0, 1, 1, null, false)),
                annotation("cam-1", 99, AnnotationSource.HUMAN, box("cat", 0, 0, 1, 1, null, false)));
        Path out = tmp.resolve("dataset");

        CliRun first = snapshot(out, "--camera", "cam-1", "--camera", "cam-2");

        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode coco = JSON.readTree(out.resolve("annotations.json").toFile());
        List<JsonNode> images = array(coco, "images");
        assertThat(images).hasSize(12);
        Map<String, JsonNode> byFile = new HashMap<>();
        images.forEach(i -> byFile.put(i.get("file_name").asText(), i));
        for (String camera : List.of("cam-1", "cam-2")) {
            for (long s = 0; s < 6; s++) {
                JsonNode image = byFile.get(camera + "/" + s + ".jpg");
                assertThat(image).as(camera + "/" + s).isNotNull();
                assertThat(image.get("camera_id").asText()).isEqualTo(camera);
                assertThat(image.get("frame_sequence").asLong()).isEqualTo(s);
                assertThat(image.get("capture_time").asText())
                        .isEqualTo(capture(s).toString());
                assertThat(image.get("width").asInt()).isEqualTo(160);
                assertThat(image.get("height").asInt()).isEqualTo(120);
                assertThat(out.resolve("images").resolve(camera + "/" + s + ".jpg"))
                        .hasBinaryContent(jpegOf(camera, s));
            }
        }
        assertThat(out.resolve("images/cam-3")).doesNotExist();

        Map<Integer, String> categories = new HashMap<>();
        array(coco, "categories")
                .forEach(c -> categories.put(c.get("id").asInt(), c.get("name").asText()));
        assertThat(categories.values()).containsExactlyInAnyOrder("person", "car", "dog");
        List<JsonNode> boxes = array(coco, "annotations");
        assertThat(boxes).hasSize(3);
        long cam1First = byFile.get("cam-1/0.jpg").get("id").asLong();
        JsonNode person = boxes.stream()
                .filter(b -> categories.get(b.get("category_id").asInt()).equals("person"))
                .findFirst()
                .orElseThrow();
        assertThat(person.get("image_id").asLong())
                .as("the human's annotation wins")
                .isEqualTo(cam1First);
        assertThat(person.get("bbox").toString()).isEqualTo("[10.0,20.0,40.0,80.0]");
        assertThat(person.get("area").asDouble()).isEqualTo(3200.0);
        assertThat(person.get("iscrowd").asInt()).isZero();
        assertThat(person.has("score")).isFalse();
        JsonNode car = boxes.stream()
                .filter(b -> categories.get(b.get("category_id").asInt()).equals("car"))
                .findFirst()
                .orElseThrow();
        assertThat(car.get("iscrowd").asInt()).isEqualTo(1);
        JsonNode dog = boxes.stream()
                .filter(b -> categories.get(b.get("category_id").asInt()).equals("dog"))
                .findFirst()
                .orElseThrow();
        assertThat(dog.get("image_id").asLong())
                .isEqualTo(byFile.get("cam-2/3.jpg").get("id").asLong());
        assertThat(dog.get("score").floatValue()).isEqualTo(0.9f);

        sendFrames("cam-1", 6, 9);
        sendFrames("cam-1", 2, 3);
        sendFrames("cam-2", 6, 8);
        sendAnnotations(annotation("cam-1", 7, AnnotationSource.HUMAN, box("person", 0, 0, 10, 10, null, false)));

        CliRun second = snapshot(out, "--camera", "cam-2", "--camera", "cam-1");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).contains("5 images added, 1 duplicates");
        JsonNode resumed = JSON.readTree(out.resolve("annotations.json").toFile());
        List<JsonNode> allImages = array(resumed, "images");
        assertThat(allImages).hasSize(17);
        assertThat(allImages).extracting(i -> i.get("id").asLong()).doesNotHaveDuplicates();
        assertThat(allImages)
                .extracting(i -> i.get("file_name").asText())
                .doesNotHaveDuplicates()
                .contains("cam-1/8.jpg", "cam-2/7.jpg");
        for (JsonNode image : images) {
            JsonNode same = allImages.stream()
                    .filter(i -> i.get("id").equals(image.get("id")))
                    .findFirst()
                    .orElseThrow();
            assertThat(same.get("file_name")).as("ids stay with their images").isEqualTo(image.get("file_name"));
        }
        try (var files = Files.walk(out.resolve("images"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(17);
        }
        long cam1Seven = allImages.stream()
                .filter(i -> i.get("file_name").asText().equals("cam-1/7.jpg"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        assertThat(array(resumed, "annotations"))
                .hasSize(4)
                .anySatisfy(b -> assertThat(b.get("image_id").asLong()).isEqualTo(cam1Seven));
    }

    static CliRun snapshotByTime(String topic, Path out, long fromSequence, long toSequence) {
        return CliRun.of(
                "snapshot",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--frames-topic",
                topic,
                "--annotations-topic",
                "no-annotations-here",
                "--out",
                out.toString(),
                "--from",
                capture(fromSequence).toString(),
                "--to",
                capture(toSequence).toString());
    }

    @Test
    void aTimeRangeSelectsFramesByCaptureTime() throws Exception {
        String topicSuffix = "-time";
        try (FrameProducer producer =
                new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), FRAMES + topicSuffix)) {
            for (long s = 0; s < 6; s++) {
                producer.send("cam-t", s, capture(s));
            }
        }
        Path out = tmp.resolve("by-time");
        CliRun run = snapshotByTime(FRAMES + topicSuffix, out, 2, 4);

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode coco = JSON.readTree(out.resolve("annotations.json").toFile());
        assertThat(array(coco, "images"))
                .extracting(i -> i.get("file_name").asText())
                .containsExactly("cam-t/2.jpg", "cam-t/3.jpg");
        assertThat(array(coco, "annotations")).isEmpty();

        CliRun widened = snapshotByTime(FRAMES + topicSuffix, out, 0, 5);

        assertThat(widened.exitCode()).as(widened.err()).isZero();
        assertThat(widened.err())
                .as("the wider range reads the topic again and adds only the frames it lacked")
                .contains("3 images added, 2 duplicates");
        assertThat(array(JSON.readTree(out.resolve("annotations.json").toFile()), "images"))
                .extracting(i -> i.get("file_name").asText())
                .containsExactly("cam-t/2.jpg", "cam-t/3.jpg", "cam-t/0.jpg", "cam-t/1.jpg", "cam-t/4.jpg");

        CliRun narrower = snapshotByTime(FRAMES + topicSuffix, out, 1, 3);
        assertThat(narrower.exitCode()).as(narrower.err()).isZero();
        assertThat(narrower.err())
                .as("a range inside one already read reads nothing")
                .contains("0 records read, 0 images added");
    }

    @Test
    void aRangeByTimeAndOffsetAtOneEndIsRefused() {
        CliRun run = snapshot(tmp.resolve("x"), "--from", T0.toString(), "--from-offset", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not both");
    }

    @Test
    void anAnnotationsTopicOfAnotherRecordTypeIsNamedAsSuch() {
        String detections = "snapshot-detections";
        AvroRecords.write(
                infra.bootstrapServers(),
                infra.schemaRegistryUrl(),
                detections,
                DetectionEvent.class,
                List.of(DetectionEvent.newBuilder()
                        .setEventId("cam-d-0")
                        .setCameraId("cam-d")
                        .setFrameSequence(0)
                        .setFrameTime(capture(0))
                        .setDetectionTime(capture(1))
                        .setImageWidth(64)
                        .setImageHeight(48)
                        .setModelName("m")
                        .setModelVersion("1")
                        .setStatus(DetectionStatus.OK)
                        .setTimings(new Timings(1.0, 2.0, 1))
                        .setDetections(List.of(new Detection(1, "person", 0.9f, 1f, 2f, 30f, 40f, null)))
                        .build()),
                DetectionEvent::getCameraId,
                DetectionEvent::getFrameTime);
        sendFrames("cam-d", 0, 1);

        CliRun run = CliRun.of(
                "snapshot",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--frames-topic",
                FRAMES,
                "--annotations-topic",
                detections,
                "--camera",
                "cam-d",
                "--out",
                tmp.resolve("wrong").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err())
                .contains("the annotations topic '" + detections + "' holds dev.vigil.schemas.DetectionEvent records, "
                        + "not labels: none of its 1 records is an dev.vigil.schemas.Annotation");
    }
}
