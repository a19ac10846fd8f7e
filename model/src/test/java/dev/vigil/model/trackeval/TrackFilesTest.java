package dev.vigil.model.trackeval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.trackeval.TrackBox.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ground truth and results in MOT Challenge text and COCO JSON. */
class TrackFilesTest {

    @TempDir
    Path tmp;

    @Test
    void motGroundTruthRowsAreScoredNotScoredOrIgnoreRegionsAsMot17Says() throws IOException {
        Path gt = tmp.resolve("gt.txt");
        Files.writeString(gt, """
                1,1,10,20,30,60,1,1,1.0
                1,2,100,20,30,60,0,1,1.0
                1,3,200,20,30,60,0,8,0.5
                3,4,300,20,50,30,0,3,1.0
                3,5,400,20,50,30,1,3,-1
                """);
        TrackSequence truth = MotChallengeFile.readGroundTruth(gt);
        assertThat(truth.labelledFrames()).containsExactly(1, 2, 3);
        assertThat(truth.boxes(1))
                .extracting(TrackBox::kind)
                .containsExactly(Kind.SCORED, Kind.NOT_SCORED, Kind.IGNORE_REGION);
        assertThat(truth.boxes(1).get(0).label()).isEqualTo("person");
        assertThat(truth.boxes(3)).extracting(TrackBox::kind).containsExactly(Kind.NOT_SCORED, Kind.IGNORE_REGION);
        assertThat(truth.boxes(3).get(0).label()).isEqualTo("car");
    }

    @Test
    void resultsSurviveAWriteAndARead() throws IOException {
        TrackSequence results = new TrackSequence();
        results.add(2, TrackBox.fromCorners(7, "person", 10.5, 20, 40.25, 80, 0.875f));
        results.add(4, TrackBox.fromCorners(8, "car", 0, 0, 5, 5, 0.5f));
        Path file = tmp.resolve("out/results.txt");
        MotChallengeFile.writeResults(file, results);
        TrackSequence read = MotChallengeFile.readResults(file);
        assertThat(read.boxes(2)).containsExactly(new TrackBox(7, null, 10.5, 20, 29.75, 60, 0.875f, Kind.SCORED));
        assertThat(read.boxes(4)).hasSize(1);
    }

    @Test
    void badMotLinesNameTheFileLineAndCause() throws IOException {
        Path gt = tmp.resolve("bad.txt");
        Files.writeString(gt, "1,1,10,20,30,60,1,1,1\n0,1,10,20,30,60,1,1,1\n");
        assertThatThrownBy(() -> MotChallengeFile.readGroundTruth(gt))
                .hasMessageContaining("bad.txt:2: frame numbers start at 1");
        Files.writeString(gt, "1,x,10,20,30,60\n");
        assertThatThrownBy(() -> MotChallengeFile.readGroundTruth(gt))
                .hasMessageContaining("bad.txt:1: field 2 is not a number");
    }

    @Test
    void cocoAnnotationsCarryTrackIdsAndCrowdsAreIgnoreRegions() throws IOException {
        Path json = tmp.resolve("gt.json");
        Files.writeString(json, """
                {"info": {"images_dir": "frames"},
                 "categories": [{"id": 1, "name": "person"}, {"id": 2, "name": "car"}],
                 "images": [{"id": 11, "file_name": "a.jpg", "frame_index": 99, "width": 64, "height": 48},
                            {"id": 12, "file_name": "b.jpg", "frame_index": 100, "width": 64, "height": 48}],
                 "annotations": [
                   {"id": 1, "image_id": 11, "category_id": 1, "bbox": [1, 2, 3, 4], "iscrowd": 0, "track_id": 5},
                   {"id": 2, "image_id": 11, "category_id": 2, "bbox": [10, 2, 3, 4], "iscrowd": 1}]}
                """);
        CocoTrackFile.Contents contents = CocoTrackFile.read(json);
        assertThat(contents.sequence().labelledFrames()).containsExactly(100, 101);
        assertThat(contents.sequence().boxes(100))
                .containsExactly(
                        new TrackBox(5, "person", 1, 2, 3, 4, 1f, Kind.SCORED),
                        new TrackBox(-2, "car", 10, 2, 3, 4, 1f, Kind.IGNORE_REGION));
        assertThat(contents.sequence().boxes(101)).isEmpty();
        assertThat(contents.imageFiles().get(101)).isEqualTo(tmp.resolve("frames/b.jpg"));
    }

    @Test
    void imagesWithoutTrackIdsAreNotTrackingFramesButAMixIsAnError() throws IOException {
        Path json = tmp.resolve("gt.json");
        Files.writeString(json, """
                {"categories": [{"id": 1, "name": "person"}],
                 "images": [{"id": 1, "file_name": "a.jpg"}, {"id": 2, "file_name": "b.jpg"}],
                 "annotations": [{"id": 3, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]},
                                 {"id": 4, "image_id": 2, "category_id": 1, "bbox": [1, 2, 3, 4], "track_id": 1}]}
                """);
        assertThat(CocoTrackFile.read(json).sequence().labelledFrames()).containsExactly(2);
        Files.writeString(json, """
                {"categories": [{"id": 1, "name": "person"}],
                 "images": [{"id": 1, "file_name": "a.jpg"}],
                 "annotations": [{"id": 3, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]},
                                 {"id": 4, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "track_id": 1}]}
                """);
        assertThatThrownBy(() -> CocoTrackFile.read(json)).hasMessageContaining("annotation 3 has no track_id");
        Files.writeString(json, """
                {"categories": [{"id": 1, "name": "person"}],
                 "images": [{"id": 1, "file_name": "a.jpg"}],
                 "annotations": [{"id": 3, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]}]}
                """);
        assertThatThrownBy(() -> CocoTrackFile.read(json)).hasMessageContaining("not a tracking ground truth");
    }

    /** The hand-checked vtest.avi identities: only the 50 frames with track ids are tracking frames, 1-based. */
    @Test
    void theVtestIdentityGroundTruthIsFiftyConsecutiveFrames() throws Exception {
        Path json = Path.of(TrackFilesTest.class
                .getResource("/groundtruth/vtest-600-794/annotations.json")
                .toURI());
        TrackSequence truth = CocoTrackFile.read(json).sequence();
        assertThat(truth.labelledFrames()).hasSize(50);
        assertThat(truth.labelledFrames().first()).as("frame_index 700").isEqualTo(701);
        assertThat(truth.labelledFrames().last()).isEqualTo(750);
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        truth.labelledFrames()
                .forEach(f -> truth.boxes(f).stream()
                        .filter(b -> b.kind() == Kind.SCORED)
                        .forEach(b -> ids.add(b.id())));
        assertThat(ids).as("9 people, the van and the car").hasSize(11);
    }
}
