package dev.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoDatasetTest {

    @TempDir
    Path dir;

    private static final String CATEGORIES = """
            "categories": [{"id": 3, "name": "car"}, {"id": 1, "name": "person"}]""";

    @Test
    void readsImagesBoxesAndCategories() throws IOException {
        Path json = write("""
                {"images": [{"id": 7, "file_name": "a.jpg", "width": 640, "height": 480},
                            {"id": 9, "file_name": "b.jpg", "width": 320, "height": 240}],
                 "annotations": [
                   {"id": 1, "image_id": 7, "category_id": 1, "bbox": [10, 20, 30, 40], "area": 900, "iscrowd": 0},
                   {"id": 2, "image_id": 7, "category_id": 3, "bbox": [100.5, 50, 20, 10], "iscrowd": 1,
                    "score": 0.75}],
                 %s}""".formatted(CATEGORIES));
        Dataset dataset = CocoDataset.read(json, dir.resolve("imgs"));

        assertThat(dataset.imagesDir()).isEqualTo(dir.resolve("imgs"));
        assertThat(dataset.categories()).containsExactly(new Category(3, "car"), new Category(1, "person"));
        assertThat(dataset.images()).extracting(AnnotatedImage::id).containsExactly(7L, 9L);
        AnnotatedImage first = dataset.images().get(0);
        assertThat(first.fileName()).isEqualTo("a.jpg");
        assertThat(first.width()).isEqualTo(640);
        assertThat(first.height()).isEqualTo(480);
        assertThat(first.boxes())
                .containsExactly(
                        new GroundTruthBox(10, 20, 40, 60, 1, false, 900, 1f),
                        new GroundTruthBox(100.5f, 50, 120.5f, 60, 3, true, 200, 0.75f));
        assertThat(dataset.images().get(1).boxes()).isEmpty();
        assertThat(dataset.imagePath(first)).isEqualTo(dir.resolve("imgs/a.jpg"));
    }

    @Test
    void writeThenReadGivesTheSameDataset() throws IOException {
        Dataset original = new Dataset(
                dir.resolve("frames"),
                List.of(new Category(1, "person"), new Category(2, "car")),
                List.of(
                        new AnnotatedImage(
                                5,
                                "x/0001.png",
                                384,
                                288,
                                List.of(
                                        GroundTruthBox.of(0, 0, 384, 288, 2),
                                        new GroundTruthBox(12.5f, 7.25f, 40, 100.75f, 1, true, 1234.5, 0.5f))),
                        new AnnotatedImage(6, "x/0002.png", 384, 288, List.of())));
        Path json = dir.resolve("out/annotations.json");
        CocoDataset.write(json, original);

        assertThat(CocoDataset.read(json)).isEqualTo(original);
        assertThat(Files.readString(json)).contains("\"images_dir\" : \"../frames\"");
    }

    @Test
    void readsWhatVigilSnapshotWrites() throws IOException {
        Path json = write("""
                {"info": {"description": "Frames of Kafka topic 'frames' exported by vigil snapshot",
                          "images_dir": "images", "date_created": "2026-11-24T10:00:00Z"},
                 "images": [{"id": 1, "file_name": "cam-1/000000000042.jpg", "width": 768, "height": 576,
                             "camera_id": "cam-1", "frame_sequence": 42, "capture_time": "2026-11-24T09:59:00Z"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1.0, 2.0, 3.0, 4.0],
                                  "area": 12.0, "iscrowd": 0, "score": 0.6}],
                 "categories": [{"id": 1, "name": "person"}]}""");
        Dataset dataset = CocoDataset.read(json);

        assertThat(dataset.imagesDir()).isEqualTo(dir.resolve("images").toAbsolutePath());
        assertThat(dataset.imagePath(dataset.images().get(0)))
                .isEqualTo(dir.resolve("images/cam-1/000000000042.jpg").toAbsolutePath());
        assertThat(dataset.images().get(0).boxes()).containsExactly(new GroundTruthBox(1, 2, 4, 6, 1, false, 12, 0.6f));
    }

    @Test
    void imagesLieBesideTheFileWhenItNamesNoFolder() throws IOException {
        Path json = write("{\"images\": [], " + CATEGORIES + "}");
        assertThat(CocoDataset.read(json).imagesDir()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void boxesOutsideTheImageAreClippedAndEmptyOnesSkippedAndReported() throws IOException {
        Path json = write("""
                {"images": [{"id": 1, "file_name": "a.jpg", "width": 100, "height": 50}],
                 "annotations": [
                   {"id": 10, "image_id": 1, "category_id": 1, "bbox": [-5, 10, 20, 60]},
                   {"id": 11, "image_id": 1, "category_id": 1, "bbox": [30, 10, 0, 5]},
                   {"id": 12, "image_id": 1, "category_id": 1, "bbox": [200, 10, 5, 5]},
                   {"id": 13, "image_id": 1, "category_id": 3, "bbox": [1, 2, 3, 4]}],
                 %s}""".formatted(CATEGORIES));
        DatasetProblems problems = new DatasetProblems();
        Dataset dataset = CocoDataset.read(json, dir, problems);

        assertThat(dataset.images().get(0).boxes())
                .containsExactly(
                        new GroundTruthBox(0, 10, 15, 50, 1, false, 600, 1f),
                        new GroundTruthBox(1, 2, 4, 6, 3, false, 12, 1f));
        assertThat(problems.count(DatasetProblems.Action.CLIPPED)).isEqualTo(1);
        assertThat(problems.count(DatasetProblems.Action.SKIPPED)).isEqualTo(2);
        assertThat(problems.all())
                .extracting(DatasetProblems.Problem::entry)
                .containsExactly(
                        json + ": annotations[0] (id 10)",
                        json + ": annotations[1] (id 11)",
                        json + ": annotations[2] (id 12)");
        assertThat(problems.summary()).startsWith("1 boxes clipped to their image, 2 skipped");
    }

    @Test
    void unknownCategoryIsAnErrorNamingTheEntry() throws IOException {
        Path json = write(("{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": 10, \"height\": 10}],"
                        + " \"annotations\": ["
                        + "{\"id\": 5, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,1,1]},".repeat(17)
                        + "{\"id\": 42, \"image_id\": 1, \"category_id\": 9, \"bbox\": [0,0,1,1]}], %s}")
                .formatted(CATEGORIES));
        assertThatThrownBy(() -> CocoDataset.read(json, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(json + ": annotations[17] (id 42): category_id 9 not in categories");
    }

    @Test
    void unknownImageIsAnError() throws IOException {
        Path json = write("""
                {"images": [], "annotations": [{"id": 3, "image_id": 8, "category_id": 1, "bbox": [0, 0, 1, 1]}],
                 %s}""".formatted(CATEGORIES));
        assertThatThrownBy(() -> CocoDataset.read(json, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(json + ": annotations[0] (id 3): image_id 8 not in images");
    }

    @Test
    void malformedEntriesAreErrorsNamingFieldAndEntry() throws IOException {
        assertError(
                "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": 0, \"height\": 5}], " + CATEGORIES
                        + "}",
                "images[0] (id 1): width 0 is out of range");
        assertError(
                "{\"images\": [{\"id\": 1, \"width\": 4, \"height\": 5}], " + CATEGORIES + "}",
                "images[0] (id 1): file_name must be a non-empty string, got null");
        assertError(
                "{\"images\": [{\"id\": 1, \"file_name\": \"a\", \"width\": 4, \"height\": 5},"
                        + " {\"id\": 1, \"file_name\": \"b\", \"width\": 4, \"height\": 5}], " + CATEGORIES + "}",
                "images[1] (id 1): id 1 already used by images[0]");
        assertError(
                "{\"images\": [{\"id\": 1, \"file_name\": \"a\", \"width\": 4, \"height\": 5}],"
                        + " \"annotations\": [{\"id\": 2, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1]}], "
                        + CATEGORIES + "}",
                "annotations[0] (id 2): bbox must be an array [x, y, width, height]");
        assertError(
                "{\"images\": [{\"id\": 1, \"file_name\": \"a\", \"width\": 4, \"height\": 5}],"
                        + " \"annotations\": [{\"id\": 2, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, -1, 1]}], "
                        + CATEGORIES + "}",
                "annotations[0] (id 2): bbox [0,0,-1,1] has a negative width or height");
        assertError(
                "{\"images\": [{\"id\": 1, \"file_name\": \"a\", \"width\": 4, \"height\": 5}],"
                        + " \"annotations\": [{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"iscrowd\": 2}], "
                        + CATEGORIES + "}",
                "annotations[0]: iscrowd must be 0 or 1, got 2");
        assertError("{\"images\": []}", "categories: expected an array, got nothing");
        assertError("[1, 2]", "root: expected a JSON object");
        assertError("{\"images\": [", "JSON: not valid JSON");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> CocoDataset.read(missing, dir))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void writeRefusesABoxOfAnUnknownCategory() {
        Dataset dataset = new Dataset(
                dir,
                List.of(new Category(1, "person")),
                List.of(new AnnotatedImage(4, "a.png", 10, 10, List.of(GroundTruthBox.of(0, 0, 1, 1, 2)))));
        assertThatThrownBy(() -> CocoDataset.write(dir.resolve("a.json"), dataset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image 4 (a.png) has a box of category 2");
        assertThat(dir.resolve("a.json")).doesNotExist();
    }

    private void assertError(String content, String message) throws IOException {
        Path json = write(content);
        assertThatThrownBy(() -> CocoDataset.read(json, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(json + ": " + message);
    }

    private Path write(String content) throws IOException {
        Path json = Files.createTempFile(dir, "coco", ".json");
        Files.writeString(json, content);
        return json;
    }
}
