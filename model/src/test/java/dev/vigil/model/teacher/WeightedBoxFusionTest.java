package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.vigil.model.detector.DetectedObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weighted boxes fusion against values worked out by hand from the reference implementation's rules. */
class WeightedBoxFusionTest {

    private static final WeightedBoxFusion WBF = new WeightedBoxFusion(0.55f, 0.1f);

    private static DetectedObject person(float score, float x1, float y1, float x2, float y2) {
        return new DetectedObject(1, "person", score, x1, y1, x2, y2);
    }

    private static DetectedObject car(float score, float x1, float y1, float x2, float y2) {
        return new DetectedObject(2, "car", score, x1, y1, x2, y2);
    }

    @Test
    void agreeingBoxesFuseByScoreWeightedMeanAndLoneBoxesLoseWeight() {
        List<DetectedObject> fused = WBF.fuse(
                List.of(
                        List.of(person(0.8f, 0, 0, 10, 10)),
                        List.of(person(0.6f, 1, 1, 11, 11), car(0.9f, 50, 50, 60, 60))),
                new double[] {2, 1});
        assertThat(fused).hasSize(2);
        DetectedObject p = fused.get(0);
        // weighted scores 1.6 and 0.6; IoU 81/119 = 0.68 joins them; box = (1.6·a + 0.6·b) / 2.2
        assertThat(p.label()).isEqualTo("person");
        assertThat(p.x1()).isCloseTo(0.6f / 2.2f, offset(1e-5f));
        assertThat(p.x2()).isCloseTo(10 + 0.6f / 2.2f, offset(1e-5f));
        // mean weighted score 1.1 × min(2 models, 2 boxes) / weight sum 3
        assertThat(p.score()).isCloseTo(2.2f / 3, offset(1e-5f));
        // the SSD-only car: 0.9 × 1 / 3
        assertThat(fused.get(1).label()).isEqualTo("car");
        assertThat(fused.get(1).score()).isCloseTo(0.3f, offset(1e-5f));
        assertThat(fused.get(1).x1()).isEqualTo(50f);
    }

    @Test
    void boxesOfOtherClassesOrSmallOverlapStayApartAndLowScoresAreSkipped() {
        List<DetectedObject> fused = WBF.fuse(
                List.of(
                        List.of(person(0.8f, 0, 0, 10, 10), person(0.05f, 0, 0, 10, 10)),
                        List.of(car(0.8f, 0, 0, 10, 10), person(0.8f, 5, 0, 15, 10))),
                new double[] {1, 1});
        // IoU of the shifted person is 50/150 = 0.33: its own cluster; the 0.05 box is below the skip threshold
        assertThat(fused).hasSize(3).allSatisfy(d -> assertThat(d.score()).isCloseTo(0.4f, offset(1e-6f)));
    }

    @Test
    void twoBoxesOfOneModelCountOnceAgainstTheNumberOfModels() {
        List<DetectedObject> fused = WBF.fuse(
                List.of(List.of(person(0.9f, 0, 0, 10, 10), person(0.6f, 0, 0, 10, 11)), List.of()),
                new double[] {1, 1});
        // mean 0.75 × min(2, 2) / 2
        assertThat(fused).singleElement().satisfies(d -> assertThat(d.score()).isCloseTo(0.75f, offset(1e-6f)));
        assertThatThrownBy(() -> WBF.fuse(List.of(List.of()), new double[] {1, 1}))
                .hasMessageContaining("one weight per model");
    }

    @Test
    void maxModeKeepsTheBestWeightedScoreOverTheHighestWeight() {
        List<DetectedObject> fused = WBF.fuse(
                List.of(
                        List.of(person(0.8f, 0, 0, 10, 10)),
                        List.of(person(0.6f, 1, 1, 11, 11), car(0.9f, 50, 50, 60, 60))),
                new double[] {2, 1},
                WeightedBoxFusion.ScoreMode.MAX);
        assertThat(fused).hasSize(2);
        // the person: weighted scores 1.6 and 0.6, the best over the highest weight 2; the box still their mean
        assertThat(fused.get(0).score()).isCloseTo(0.8f, offset(1e-5f));
        assertThat(fused.get(0).x1()).isCloseTo(0.6f / 2.2f, offset(1e-5f));
        // the car only the second model saw: 0.9 × 1 / 2, not divided by the sum of weights as AVG does
        assertThat(fused.get(1).score()).isCloseTo(0.45f, offset(1e-5f));
    }
}
