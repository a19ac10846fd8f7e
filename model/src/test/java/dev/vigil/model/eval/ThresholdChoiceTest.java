package dev.vigil.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Threshold choice on one image with four persons (category 1) and one car (2): six person detections whose
 * precision / recall at each threshold are worked out by hand below.
 */
class ThresholdChoiceTest {

    private static GroundTruthBox person(int i) {
        return GroundTruthBox.of(100 * i, 0, 100 * i + 50, 50, 1);
    }

    private static final Dataset TRUTH = new Dataset(
            Path.of("."),
            List.of(new Category(1, "person"), new Category(2, "car")),
            List.of(new AnnotatedImage(
                    1,
                    "a.jpg",
                    1000,
                    500,
                    List.of(person(0), person(1), person(2), person(3), GroundTruthBox.of(0, 300, 80, 360, 2)))));

    /** Persons 0, 1, 2 and 3 found at 0.9, 0.8, 0.6 and 0.2; false boxes at 0.7 and 0.3; the car at 0.4. */
    private static final List<ImageDetectionResult> RESULTS;

    static {
        List<ScoredBox> boxes = new ArrayList<>();
        float[] found = {0.9f, 0.8f, 0.6f, 0.2f};
        for (int i = 0; i < 4; i++) {
            boxes.add(new ScoredBox(100 * i, 0, 100 * i + 50, 50, 1, found[i]));
        }
        boxes.add(new ScoredBox(600, 200, 650, 250, 1, 0.7f));
        boxes.add(new ScoredBox(700, 200, 750, 250, 1, 0.3f));
        boxes.add(new ScoredBox(0, 300, 80, 360, 2, 0.4f));
        RESULTS = List.of(new ImageDetectionResult(1, boxes));
    }

    @Test
    void bestF1TakesTheMiddleOfTheBestThresholds() {
        // >= 0.05..0.20: 4 TP 2 FP, F1 0.8; 0.21..0.30: 3/2, 0.667; 0.31..0.60: 3/1, 0.75; 0.61..0.70: 2/1, 0.571;
        // 0.71..0.80: 2/0, 0.667; 0.81..0.90: 1/0, 0.4. The best, 0.8, holds for the 16 thresholds 0.05..0.20: the
        // eighth, 0.12, leaves the same margin below and above
        ThresholdChoice.Choice choice = ThresholdChoice.choose(TRUTH, RESULTS, 1, null);

        assertThat(choice.threshold()).isEqualTo(0.12f);
        assertThat(choice.counts()).isEqualTo(new ThresholdPrecisionRecall(4, 2, 4));
        assertThat(choice.f1()).isCloseTo(0.8, offset(1e-9));
        assertThat(choice.reachedTarget()).isTrue();
    }

    @Test
    void aPrecisionTargetTakesTheLowestThresholdThatReachesIt() {
        ThresholdChoice.Choice three = ThresholdChoice.choose(TRUTH, RESULTS, 1, 0.75);
        assertThat(three.threshold()).isEqualTo(0.31f);
        assertThat(three.counts()).isEqualTo(new ThresholdPrecisionRecall(3, 1, 4));

        ThresholdChoice.Choice sure = ThresholdChoice.choose(TRUTH, RESULTS, 1, 1.0);
        assertThat(sure.threshold()).isEqualTo(0.71f);
        assertThat(sure.counts()).isEqualTo(new ThresholdPrecisionRecall(2, 0, 4));
    }

    @Test
    void aTargetNoThresholdReachesTakesTheMostPreciseAndSaysSo() {
        List<ImageDetectionResult> onlyFalse = List.of(new ImageDetectionResult(
                1, List.of(new ScoredBox(0, 0, 50, 50, 1, 0.5f), new ScoredBox(600, 200, 650, 250, 1, 0.6f))));
        ThresholdChoice.Choice choice = ThresholdChoice.choose(TRUTH, onlyFalse, 1, 0.9);

        // 0.05..0.50: 1 TP 1 FP; above 0.50 only the false box: the most precise is the highest of 0.05..0.50
        assertThat(choice.reachedTarget()).isFalse();
        assertThat(choice.threshold()).isEqualTo(0.50f);
        assertThat(choice.counts()).isEqualTo(new ThresholdPrecisionRecall(1, 1, 4));
    }

    @Test
    void refusesACategoryWithoutGroundTruthOrWithoutAMatch() {
        assertThatThrownBy(() -> ThresholdChoice.choose(TRUTH, RESULTS, 3, null))
                .hasMessageContaining("no box of category 3");
        List<ImageDetectionResult> carMissed =
                List.of(new ImageDetectionResult(1, List.of(new ScoredBox(500, 0, 550, 50, 2, 0.9f))));
        assertThatThrownBy(() -> ThresholdChoice.choose(TRUTH, carMissed, 2, null))
                .hasMessageContaining("no detection of category 2 matches");
    }
}
