package dev.vigil.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoResultsFileTest {

    @TempDir
    Path dir;

    @Test
    void writesCocoFieldsWithWidthAndHeight() throws IOException {
        Path file = dir.resolve("out/results.json");
        CocoResultsFile.write(
                file, List.of(new ImageDetectionResult(42, List.of(new ScoredBox(10, 20, 15.5f, 60, 3, 0.75f)))));

        JsonNode entry = new ObjectMapper().readTree(file.toFile()).get(0);
        assertThat(entry.get("image_id").asLong()).isEqualTo(42);
        assertThat(entry.get("category_id").asInt()).isEqualTo(3);
        assertThat(entry.get("score").asDouble()).isEqualTo(0.75);
        assertThat(entry.get("bbox")).extracting(JsonNode::asDouble).containsExactly(10.0, 20.0, 5.5, 40.0);
    }

    @Test
    void readingAWrittenFileGivesBackTheSameFloatCornersAndOrder() throws IOException {
        List<ImageDetectionResult> written = List.of(
                new ImageDetectionResult(
                        7,
                        List.of(
                                new ScoredBox(0.1f, 0.3f, 100.7f, 33.33f, 1, 0.123456f),
                                new ScoredBox(1e-3f, 5, 1234.567f, 9.87654f, 2, 0.9f))),
                new ImageDetectionResult(3, List.of(new ScoredBox(2, 2, 3, 3, 1, 0.5f))));
        Path file = dir.resolve("results.json");
        CocoResultsFile.write(file, written);
        assertThat(CocoResultsFile.read(file)).isEqualTo(written);
    }

    @Test
    void entriesAreGroupedByImageInOrderOfFirstAppearance() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, """
                [{"image_id": 5, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.1, "extra": {"a": [1]}},
                 {"image_id": 2, "category_id": 1, "bbox": [0, 0, 2, 2], "score": 0.2},
                 {"image_id": 5, "category_id": 2, "bbox": [0, 0, 3, 3], "score": 0.3}]""");
        List<ImageDetectionResult> read = CocoResultsFile.read(file);
        assertThat(read).extracting(ImageDetectionResult::imageId).containsExactly(5L, 2L);
        assertThat(read.get(0).boxes()).extracting(ScoredBox::score).containsExactly(0.1f, 0.3f);
    }

    @Test
    void malformedEntriesAreNamed() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.1},
                 {"image_id": 1, "category_id": 1, "bbox": [0, 0, 1], "score": 0.1}]""");
        assertThatThrownBy(() -> CocoResultsFile.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("entry 1")
                .hasMessageContaining("bbox");

        Files.writeString(file, "[{\"image_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 0.1}]");
        assertThatThrownBy(() -> CocoResultsFile.read(file))
                .hasMessageContaining("entry 0")
                .hasMessageContaining("category_id");

        Files.writeString(file, "{\"annotations\": []}");
        assertThatThrownBy(() -> CocoResultsFile.read(file)).hasMessageContaining("JSON array");

        assertThatThrownBy(() -> CocoResultsFile.read(dir.resolve("missing.json")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
