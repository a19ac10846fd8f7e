package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.media.ContactSheet;
import dev.vigil.schemas.Annotation;
import dev.vigil.schemas.AnnotationSource;
import dev.vigil.schemas.LabelledBox;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.snapshot.CocoDatasetWriter;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.FrameProducer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil labels import} and {@code draw} on a real broker: a teacher's labels corrected by a person in a
 * labelling tool come back in the next snapshot in their place; the contact sheet shows whose labels they are.
 */
class LabelsCommandsIT {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    static final Path REPO = Path.of(System.getProperty("vigil.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static CliRun vigil(LocalInfrastructure infra, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--bootstrap-servers", infra.bootstrapServers(), "--schema-registry-url", infra.schemaRegistryUrl()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode image(JsonNode coco, String fileName) {
        for (JsonNode image : coco.get("images")) {
            if (image.get("file_name").asText().equals(fileName)) {
                return image;
            }
        }
        throw new AssertionError("no image " + fileName + " in " + coco);
    }

    @Test
    void humanLabelsFromALabellingToolReplaceTheTeachersAndAreDrawnInTheirColour() throws Exception {
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            try (FrameProducer producer =
                    new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), "frames")) {
                for (long s = 0; s < 3; s++) {
                    producer.send("cam-1", s, T0.plusSeconds(s));
                }
            }
            AvroRecords.write(
                    infra.bootstrapServers(),
                    infra.schemaRegistryUrl(),
                    "annotations",
                    Annotation.class,
                    List.of(Annotation.newBuilder()
                            .setCameraId("cam-1")
                            .setFrameSequence(0)
                            .setFrameTime(T0)
                            .setSource(AnnotationSource.TEACHER)
                            .setAuthor("teacher centernet")
                            .setBoxes(List.of(new LabelledBox("person", 1f, 1f, 20f, 40f, 0.4f, false)))
                            .build()),
                    Annotation::getCameraId,
                    Annotation::getFrameTime);
            Path snapshot = tmp.resolve("snap");
            assertThat(vigil(infra, "snapshot", "--out", snapshot.toString()).exitCode())
                    .isZero();
            JsonNode before =
                    JSON.readTree(snapshot.resolve(CocoDatasetWriter.FILE_NAME).toFile());
            assertThat(image(before, "cam-1/0.jpg")
                            .path(CocoDatasetWriter.LABEL_SOURCE)
                            .asText())
                    .isEqualTo("TEACHER");

            // as a labelling tool exports it: its own folders in front of the file name, Vigil's fields dropped for
            // frame 0 and kept for frame 1 (which the person found empty), the teacher's box moved
            ObjectNode corrected = (ObjectNode) before.deepCopy();
            ArrayNode images = JSON.createArrayNode();
            ObjectNode zero = ((ObjectNode) image(before, "cam-1/0.jpg").deepCopy());
            zero.remove(List.of("camera_id", "frame_sequence", "capture_time"));
            zero.put("file_name", "/data/upload/7/cam-1/0.jpg");
            images.add(zero);
            images.add(image(before, "cam-1/1.jpg").deepCopy());
            corrected.set("images", images);
            ArrayNode boxes = JSON.createArrayNode();
            ObjectNode box = boxes.addObject();
            box.put("id", 1);
            box.put("image_id", zero.get("id").asLong());
            box.put("category_id", before.get("categories").get(0).get("id").asInt());
            box.set("bbox", JSON.createArrayNode().add(30).add(10).add(40).add(60));
            box.put("iscrowd", 0);
            corrected.set("annotations", boxes);
            Path file = tmp.resolve("corrected.json");
            JSON.writeValue(file.toFile(), corrected);

            CliRun imported = vigil(
                    infra,
                    "labels",
                    "import",
                    "--coco",
                    file.toString(),
                    "--snapshot",
                    snapshot.toString(),
                    "--author",
                    "alice");

            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("published 2 human annotations (1 boxes)");
            assertThat(vigil(infra, "snapshot", "--out", snapshot.toString()).exitCode())
                    .isZero();
            JsonNode after =
                    JSON.readTree(snapshot.resolve(CocoDatasetWriter.FILE_NAME).toFile());
            JsonNode frameZero = image(after, "cam-1/0.jpg");
            assertThat(frameZero.path(CocoDatasetWriter.LABEL_SOURCE).asText()).isEqualTo("HUMAN");
            assertThat(frameZero.path("label_author").asText()).isEqualTo("alice");
            assertThat(image(after, "cam-1/1.jpg")
                            .path(CocoDatasetWriter.LABEL_SOURCE)
                            .asText())
                    .isEqualTo("HUMAN");
            assertThat(image(after, "cam-1/2.jpg").has(CocoDatasetWriter.LABEL_SOURCE))
                    .isFalse();
            assertThat(after.get("annotations"))
                    .as("the person's box replaced the teacher's; the empty frame has none")
                    .singleElement()
                    .satisfies(b -> {
                        assertThat(b.get("image_id").asLong())
                                .isEqualTo(frameZero.get("id").asLong());
                        assertThat(b.get("bbox").toString()).isEqualTo("[30.0,10.0,40.0,60.0]");
                    });

            zero.put("file_name", "elsewhere/9.jpg");
            JSON.writeValue(file.toFile(), corrected);
            CliRun unmatched =
                    vigil(infra, "labels", "import", "--coco", file.toString(), "--snapshot", snapshot.toString());
            assertThat(unmatched.exitCode()).isEqualTo(LabelsImportCommand.UNMATCHED);
            assertThat(unmatched.err()).contains("1 images matched no frame").contains("elsewhere/9.jpg");

            Path sheets = tmp.resolve("sheets");
            CliRun drawn = CliRun.of(
                    "labels",
                    "draw",
                    "--dataset",
                    snapshot.resolve(CocoDatasetWriter.FILE_NAME).toString(),
                    "--out",
                    sheets.toString(),
                    "--per-sheet",
                    "2");
            assertThat(drawn.exitCode()).as(drawn.err()).isZero();
            assertThat(drawn.out()).contains("wrote 2 contact sheets");
            BufferedImage sheet = ImageIO.read(sheets.resolve("labels-001.png").toFile());
            int human = ContactSheet.colour("HUMAN").getRGB();
            int found = 0;
            for (int y = 20; y < sheet.getHeight(); y++) {
                for (int x = 0; x < sheet.getWidth(); x++) {
                    found += sheet.getRGB(x, y) == human ? 1 : 0;
                }
            }
            assertThat(found).as("the human box is drawn in the human colour").isGreaterThan(20);

            Path review = tmp.resolve("review.json");
            CliRun reviewed = CliRun.of(
                    "labels",
                    "review",
                    "--dataset",
                    snapshot.resolve(CocoDatasetWriter.FILE_NAME).toString(),
                    "--model",
                    REPO.resolve("models/vigil-default").toString(),
                    "--model-score",
                    "0.999",
                    "--out",
                    review.toString());
            assertThat(reviewed.exitCode()).as(reviewed.err()).isZero();
            JsonNode doubtful = JSON.readTree(review.toFile());
            assertThat(doubtful.get("images"))
                    .as("the person's box the model does not find is worth a look; the rest is not")
                    .singleElement()
                    .satisfies(i -> {
                        assertThat(i.get("file_name").asText()).isEqualTo("cam-1/0.jpg");
                        assertThat(i.get("camera_id").asText())
                                .as("kept for labels import")
                                .isEqualTo("cam-1");
                        assertThat(i.get("review").toString()).contains("model misses person at [30, 10, 70, 70]");
                    });
            assertThat(doubtful.get("annotations")).hasSize(1);
        }
    }
}
