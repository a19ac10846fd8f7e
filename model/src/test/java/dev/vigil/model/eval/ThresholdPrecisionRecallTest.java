package dev.vigil.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdPrecisionRecallTest {

    private static final int PERSON = 1;

    private final Dataset truth = new Dataset(
            Path.of("."),
            List.of(new Category(PERSON, "person"), new Category(2, "car")),
            List.of(new AnnotatedImage(
                    7,
                    "a.jpg",
                    200,
                    200,
                    List.of(
                            GroundTruthBox.of(0, 0, 10, 10, PERSON),
                            GroundTruthBox.of(20, 0, 30, 10, PERSON),
                            new GroundTruthBox(50, 0, 60, 10, PERSON, true, 100, 1),
                            GroundTruthBox.of(100, 100, 150, 150, 2)))));

    private final List<ImageDetectionResult> detections = List.of(new ImageDetectionResult(
            7,
            List.of(
                    new ScoredBox(0, 0, 10, 11, PERSON, 0.9f), // A
                    new ScoredBox(1, 0, 11, 10, PERSON, 0.8f), // A again: a duplicate
                    new ScoredBox(52, 1, 58, 9, PERSON, 0.7f), // inside the ignore region
                    new ScoredBox(100, 100, 110, 110, PERSON, 0.6f), // nothing there (a car, not a person)
                    new ScoredBox(20, 0, 30, 10, PERSON, 0.2f)))); // B, scoring low

    @Test
    void countsMatchesDuplicatesAndIgnoreRegions() {
        ThresholdPrecisionRecall high = ThresholdPrecisionRecall.of(truth, detections, PERSON, 0.5f, 0.5);
        assertThat(high).isEqualTo(new ThresholdPrecisionRecall(1, 2, 2));
        assertThat(high.precision()).isEqualTo(1 / 3.0);
        assertThat(high.recall()).isEqualTo(0.5);
        ThresholdPrecisionRecall low = ThresholdPrecisionRecall.of(truth, detections, PERSON, 0.1f, 0.5);
        assertThat(low).isEqualTo(new ThresholdPrecisionRecall(2, 2, 2));
        assertThat(ThresholdPrecisionRecall.of(truth, detections, 2, 0.1f, 0.5))
                .isEqualTo(new ThresholdPrecisionRecall(0, 0, 1));
    }
}
