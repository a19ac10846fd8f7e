package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.eval.ScoredBox;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsAgainstTruthTest {

    private static final Dataset TRUTH = new Dataset(
            Path.of("."),
            List.of(new Category(1, "person"), new Category(2, "car")),
            List.of(
                    new AnnotatedImage(7, "vtest_000600.jpg", 100, 100, List.of(GroundTruthBox.of(0, 0, 10, 10, 1))),
                    new AnnotatedImage(8, "vtest_000610.jpg", 100, 100, List.of())));

    private static GroundTruthBox label(float x, int category, boolean ignore) {
        return new GroundTruthBox(x, 0, x + 10, 10, category, ignore, 100, 0.6f);
    }

    /** Teacher classes person (1), dog (2), car (3); frames 599-601 of the video. */
    private static Dataset labels(List<GroundTruthBox> at600) {
        return new Dataset(
                Path.of("."),
                List.of(new Category(1, "person"), new Category(2, "dog"), new Category(3, "car")),
                List.of(
                        new AnnotatedImage(3, "vtest_f000601.jpg", 100, 100, List.of(label(50, 3, false))),
                        new AnnotatedImage(1, "vtest_f000599.jpg", 100, 100, List.of(label(50, 3, false))),
                        new AnnotatedImage(2, "vtest_f000600.jpg", 100, 100, at600)));
    }

    @Test
    void matchesFramesByNumberAndClassesByNameLeavingIgnoreRegionsOut() {
        LabelsAgainstTruth measured = LabelsAgainstTruth.of(
                TRUTH, labels(List.of(label(0, 1, false), label(20, 2, false), label(30, 1, true))), 0);

        assertThat(measured.matchedImages()).isEqualTo(1);
        assertThat(measured.truth().images()).extracting(AnnotatedImage::id).containsExactly(7L);
        assertThat(measured.results())
                .singleElement()
                .satisfies(r -> assertThat(r.boxes()).containsExactly(new ScoredBox(0, 0, 10, 10, 1, 0.6f)));
    }

    @Test
    void consistencyCleansTheLabelsInFrameOrderFirst() {
        // the car at x 50 is in 599 and 601 but not 600: filled in; the lone person becomes an ignore region
        LabelsAgainstTruth measured = LabelsAgainstTruth.of(TRUTH, labels(List.of(label(0, 1, false))), 1);

        assertThat(measured.results())
                .singleElement()
                .satisfies(r -> assertThat(r.boxes()).containsExactly(new ScoredBox(50, 0, 60, 10, 2, 0.6f)));
    }

    @Test
    void framesAreTheNumberEndingTheName() {
        assertThat(LabelsAgainstTruth.frameNumber("cam/vtest_f000612.jpg")).isEqualTo(612);
        assertThat(LabelsAgainstTruth.frameNumber("snapshot.png")).isEqualTo(-1);
        assertThatThrownBy(() -> LabelsAgainstTruth.of(
                        TRUTH,
                        new Dataset(
                                Path.of("."),
                                List.of(new Category(1, "person")),
                                List.of(new AnnotatedImage(1, "x_5.jpg", 1, 1, List.of()))),
                        0))
                .hasMessageContaining("no labelled image has the frame number of a ground-truth image");
    }
}
