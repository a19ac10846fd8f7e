package dev.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-checked ground truth of vtest.avi frames 600-794 ({@code groundtruth/vtest-600-794}, see its README):
 * Vigil's own COCO reader takes it without repairs, and its MOT file says exactly what the COCO file's track ids say.
 */
class VtestGroundTruthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path folder;
    private static JsonNode coco;

    /** One box as both files can state it: frame, track id, pixels, whether it is scored, class name. */
    private record TrackBox(long frame, int trackId, float x, float y, float w, float h, boolean scored, String cls) {}

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        folder = Path.of(VtestGroundTruthTest.class
                        .getResource("/groundtruth/vtest-600-794/annotations.json")
                        .toURI())
                .getParent();
        coco = JSON.readTree(folder.resolve("annotations.json").toFile());
    }

    @Test
    void vigilsCocoReaderTakesItWithoutRepairs() throws IOException {
        DatasetProblems problems = new DatasetProblems();
        Dataset dataset = CocoDataset.read(folder.resolve("annotations.json"), folder, problems);

        assertThat(problems.all()).isEmpty();
        assertThat(dataset.categories()).extracting(Category::name).containsExactlyInAnyOrder("person", "car");
        assertThat(dataset.images()).hasSizeGreaterThanOrEqualTo(60);
        for (AnnotatedImage image : dataset.images()) {
            assertThat(image.id()).isBetween(600L, 794L);
            assertThat(image.fileName()).isEqualTo("vtest_%06d.jpg".formatted(image.id()));
            assertThat(image.width()).isEqualTo(768);
            assertThat(image.height()).isEqualTo(576);
            assertThat(image.boxes()).isNotEmpty();
        }
        for (JsonNode image : coco.get("images")) {
            assertThat(image.get("frame_index").asLong())
                    .isEqualTo(image.get("id").asLong());
        }
    }

    @Test
    void trackIdsCoverAtLeastFortyConsecutiveFramesAndNothingElse() {
        TreeSet<Long> tracked = new TreeSet<>();
        Set<Long> untracked = new HashSet<>();
        for (JsonNode a : coco.get("annotations")) {
            (a.has("track_id") ? tracked : untracked).add(a.get("image_id").asLong());
        }
        assertThat(tracked).doesNotContainAnyElementsOf(untracked);
        assertThat(tracked.size()).isGreaterThanOrEqualTo(40);
        assertThat(tracked.last() - tracked.first() + 1).isEqualTo(tracked.size());
    }

    @Test
    void aTrackIdIsOneObjectOfOneClassOncePerFrame() {
        Map<Integer, String> classOfTrack = new HashMap<>();
        Set<String> frameAndTrack = new HashSet<>();
        for (TrackBox box : fromCoco()) {
            assertThat(classOfTrack.computeIfAbsent(box.trackId(), id -> box.cls()))
                    .as("class of track %d", box.trackId())
                    .isEqualTo(box.cls());
            assertThat(frameAndTrack.add(box.frame() + "/" + box.trackId()))
                    .as("track %d twice in frame %d", box.trackId(), box.frame())
                    .isTrue();
        }
    }

    @Test
    void theMotFileStatesTheSameBoxesAsTheCocoFile() throws IOException {
        List<TrackBox> mot = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("gt.txt"))) {
            String[] f = line.split(",");
            assertThat(f).as(line).hasSize(9);
            String cls = switch (f[7]) {
                case "1" -> "person";
                case "3" -> "car";
                default -> "MOT class " + f[7];
            };
            mot.add(new TrackBox(
                    Long.parseLong(f[0]) - 1, // MOT counts frames from 1
                    Integer.parseInt(f[1]),
                    Float.parseFloat(f[2]),
                    Float.parseFloat(f[3]),
                    Float.parseFloat(f[4]),
                    Float.parseFloat(f[5]),
                    f[6].equals("1"),
                    cls));
        }
        assertThat(mot).containsExactlyInAnyOrderElementsOf(fromCoco());
    }

    private static List<TrackBox> fromCoco() {
        Map<Integer, String> categories = new HashMap<>();
        coco.get("categories")
                .forEach(c -> categories.put(c.get("id").asInt(), c.get("name").asText()));
        List<TrackBox> boxes = new ArrayList<>();
        for (JsonNode a : coco.get("annotations")) {
            if (!a.has("track_id")) {
                continue;
            }
            JsonNode b = a.get("bbox");
            boxes.add(new TrackBox(
                    a.get("image_id").asLong(),
                    a.get("track_id").asInt(),
                    b.get(0).floatValue(),
                    b.get(1).floatValue(),
                    b.get(2).floatValue(),
                    b.get(3).floatValue(),
                    a.get("iscrowd").asInt() == 0,
                    categories.get(a.get("category_id").asInt())));
        }
        return boxes;
    }
}
