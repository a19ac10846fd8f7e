package dev.vigil.stream.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Timings;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.CliRun;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil compare} on two detection topics of a real broker: agreement per class on the frames both have, and,
 * with labelled frames (as vigil snapshot writes them), the AP of each; a table, compare.json and PNG charts.
 */
class CompareCommandIT {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path tmp;

    static DetectionEvent event(long sequence, String model, List<Detection> detections) {
        return DetectionEvent.newBuilder()
                .setEventId(model + "-" + sequence)
                .setCameraId("cam-1")
                .setFrameSequence(sequence)
                .setFrameTime(T0.plusMillis(100 * sequence))
                .setDetectionTime(T0.plusMillis(100 * sequence + 50))
                .setImageWidth(320)
                .setImageHeight(240)
                .setModelName("lobby")
                .setModelVersion(model)
                .setStatus(DetectionStatus.OK)
                .setTimings(new Timings(1.0, 10.0, 1))
                .setDetections(detections)
                .build();
    }

    static Detection person(float score, float y2) {
        return new Detection(1, "person", score, 10f, 10f, 110f, y2, null);
    }

    @Test
    void comparesTwoTopicsPerClassAndOnLabelledFrames() throws Exception {
        List<DetectionEvent> a = new ArrayList<>();
        List<DetectionEvent> b = new ArrayList<>();
        for (long i = 0; i < 4; i++) {
            a.add(event(i, "v1", List.of(person(0.9f, 210))));
            // B's box is 15 px shorter: IoU 185/200 = 0.925 with A's and with the ground truth (9 of COCO's 10 IoUs)
            List<Detection> shadow = new ArrayList<>(List.of(person(0.8f, 195)));
            if (i == 3) {
                shadow.add(new Detection(3, "car", 0.7f, 200f, 100f, 300f, 200f, null));
            }
            b.add(event(i, "v2", shadow));
        }
        b.add(event(4, "v2", List.of(person(0.8f, 195)))); // a frame A has no event for: not compared
        Path dataset = labelledFrames(4);
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            for (var topic :
                    List.of(java.util.Map.entry("detections", a), java.util.Map.entry("detections.shadow.lobby", b))) {
                AvroRecords.write(
                        infra.bootstrapServers(),
                        infra.schemaRegistryUrl(),
                        topic.getKey(),
                        DetectionEvent.class,
                        topic.getValue(),
                        DetectionEvent::getCameraId,
                        DetectionEvent::getFrameTime);
            }
            Path out = tmp.resolve("report");
            CliRun run = CliRun.of(
                    "compare",
                    "--bootstrap-servers",
                    infra.bootstrapServers(),
                    "--schema-registry-url",
                    infra.schemaRegistryUrl(),
                    "--b",
                    "detections.shadow.lobby",
                    "--dataset",
                    dataset.toString(),
                    "--out",
                    out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains("A = detections: 4 frames (lobby v1)")
                    .contains("B = detections.shadow.lobby: 5 frames (lobby v2)")
                    .contains("4 frames in both")
                    .containsPattern("person\\s+4\\s+0\\s+0\\s+1\\.000\\s+-0\\.100\\s+0\\.925")
                    .containsPattern("car\\s+0\\s+0\\s+1\\s+0\\.000\\s+-\\s+-")
                    .contains("4 of its images among these frames")
                    .containsPattern("COCO AP\\s+1\\.000\\s+0\\.900")
                    .containsPattern("AP50 person\\s+1\\.000\\s+1\\.000");

            JsonNode json = new ObjectMapper()
                    .readTree(out.resolve(ComparisonReport.JSON_FILE).toFile());
            assertThat(json.path("frames_both").asInt()).isEqualTo(4);
            assertThat(json.path("figures_b").path("cocoAp").asDouble()).isCloseTo(0.9, within(1e-6));
            for (String png : List.of(ComparisonReport.AGREEMENT_PNG, ComparisonReport.AP_PNG)) {
                BufferedImage image = ImageIO.read(out.resolve(png).toFile());
                assertThat(image.getWidth()).as(png).isEqualTo(800);
                assertThat(image.getHeight()).isEqualTo(500);
            }
        }
    }

    /** A COCO JSON of frames 0..n-1 of cam-1 as vigil snapshot names them, one person each. */
    private Path labelledFrames(int n) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode images = root.putArray("images");
        ArrayNode annotations = root.putArray("annotations");
        for (int i = 0; i < n; i++) {
            images.addObject()
                    .put("id", i + 1)
                    .put("file_name", "cam-1/" + i + ".jpg")
                    .put("width", 320)
                    .put("height", 240)
                    .put("camera_id", "cam-1")
                    .put("frame_sequence", i)
                    .put("capture_time", T0.plusMillis(100L * i).toString());
            annotations
                    .addObject()
                    .put("id", i + 1)
                    .put("image_id", i + 1)
                    .put("category_id", 1)
                    .put("iscrowd", 0)
                    .put("area", 100 * 200)
                    .set("bbox", json.createArrayNode().add(10).add(10).add(100).add(200));
        }
        ArrayNode categories = root.putArray("categories");
        categories.addObject().put("id", 1).put("name", "person");
        categories.addObject().put("id", 2).put("name", "car");
        Path file = tmp.resolve("labels/annotations.json");
        Files.createDirectories(file.getParent().resolve("images"));
        json.writeValue(file.toFile(), root);
        return file;
    }
}
