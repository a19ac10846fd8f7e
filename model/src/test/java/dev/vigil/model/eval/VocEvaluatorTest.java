package dev.vigil.model.eval;

import static dev.vigil.model.eval.EvalCases.PERSON;
import static dev.vigil.model.eval.EvalCases.dataset;
import static dev.vigil.model.eval.EvalCases.detectedPerson;
import static dev.vigil.model.eval.EvalCases.detections;
import static dev.vigil.model.eval.EvalCases.image;
import static dev.vigil.model.eval.EvalCases.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VOC AP: the two interpolations on a crafted curve, and the devkit's matching rules on hand-made boxes. */
class VocEvaluatorTest {

    private static final double EXACT = 1e-12;

    @Test
    void elevenPointAndAllPointDifferOnACraftedCurve() {
        double[] recall = {0.25, 0.45, 0.45, 0.65};
        double[] precision = {1, 1, 0.67, 0.5};
        // 11-point: recall levels 0..0.4 read 1 (5 levels), 0.5 and 0.6 read 0.5, 0.7..1 read 0.
        assertThat(VocAveragePrecision.elevenPoint(recall, precision)).isCloseTo((5 + 2 * 0.5) / 11, within(EXACT));
        // all-point: 0.25 × 1 + 0.20 × 1 + 0.20 × 0.5 + 0.35 × 0.
        assertThat(VocAveragePrecision.allPoint(recall, precision)).isCloseTo(0.55, within(EXACT));
    }

    @Test
    void allPointUsesThePrecisionEnvelope() {
        // a precision dip that recovers: the envelope lifts the dip to the later 0.8
        double[] recall = {0.5, 0.5, 1.0};
        double[] precision = {1, 0.5, 0.8};
        assertThat(VocAveragePrecision.allPoint(recall, precision)).isCloseTo(0.5 + 0.5 * 0.8, within(EXACT));
    }

    @Test
    void curvesOfDifferentLengthsAreRejected() {
        assertThatThrownBy(() -> VocAveragePrecision.allPoint(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2")
                .hasMessageContaining("3");
    }

    @Test
    void difficultBoxesAreNeitherPositivesNorFalsePositivesAndDuplicatesAreFalse() {
        Dataset truth = dataset(
                image(1, person(0, 0, 100, 100), new GroundTruthBox(200, 200, 300, 300, PERSON, true, 10_000, 1f)));
        VocClassResult result = new VocEvaluator()
                .evaluate(
                        truth,
                        detections(
                                1,
                                detectedPerson(200, 200, 300, 300, 0.95f),
                                detectedPerson(500, 400, 520, 420, 0.9f),
                                detectedPerson(0, 0, 100, 100, 0.8f),
                                detectedPerson(0, 0, 100, 100, 0.7f)))
                .of(PERSON);

        assertThat(result.positives()).isEqualTo(1);
        // ranks: difficult (skipped), FP, TP, duplicate FP -> recall [0, 0, 1, 1], precision [0, 0, 1/2, 1/3]
        assertThat(result.elevenPointAp()).isCloseTo(0.5, within(EXACT));
        assertThat(result.allPointAp()).isCloseTo(0.5, within(EXACT));
    }

    @Test
    void iouExactlyAtTheThresholdIsNotEnoughForVocButIsForCoco() {
        Dataset truth = dataset(image(1, person(0, 0, 100, 100)));
        List<ImageDetectionResult> half = detections(1, detectedPerson(0, 0, 100, 50, 0.9f));
        assertThat(new VocEvaluator().evaluate(truth, half).meanAllPointAp()).isZero();
        assertThat(new CocoEvaluator().evaluate(truth, half).summary().ap50()).isCloseTo(1, within(EXACT));
    }

    @Test
    void aDetectionTakesItsBestOverlapEvenWhenThatBoxIsTaken() {
        // det 2 overlaps A (taken) by 0.667 and B by 0.538: VOC calls it a duplicate, COCO matches it to B.
        Dataset truth = dataset(image(1, person(0, 0, 100, 100), person(50, 0, 150, 100)));
        List<ImageDetectionResult> found =
                detections(1, detectedPerson(0, 0, 100, 100, 0.9f), detectedPerson(20, 0, 120, 100, 0.8f));

        VocClassResult voc = new VocEvaluator().evaluate(truth, found).of(PERSON);
        assertThat(voc.allPointAp()).isCloseTo(0.5, within(EXACT));
        assertThat(voc.elevenPointAp()).as("levels 0..0.5 read 1").isCloseTo(6 / 11.0, within(EXACT));
        assertThat(new CocoEvaluator().evaluate(truth, found).summary().ap50()).isCloseTo(1, within(EXACT));
    }

    @Test
    void devkitPixelConventionAddsOneToEverySide() {
        // 10×10 boxes shifted by 4: continuous IoU 6×10/140 = 0.43; devkit (11×11, overlap 7×11) 77/165 = 0.47;
        // shifted by 3: continuous 70/130 = 0.538; devkit 88/154 = 0.571. A 0.45 threshold separates the first pair.
        Dataset truth = dataset(image(1, person(0, 0, 10, 10)));
        List<ImageDetectionResult> found = detections(1, detectedPerson(4, 0, 14, 10, 0.9f));
        assertThat(new VocEvaluator(0.45, VocEvaluator.CONTINUOUS_CORNERS)
                        .evaluate(truth, found)
                        .meanAllPointAp())
                .isZero();
        assertThat(new VocEvaluator(0.45, VocEvaluator.DEVKIT_INCLUSIVE_PIXELS)
                        .evaluate(truth, found)
                        .meanAllPointAp())
                .isCloseTo(1, within(EXACT));
    }

    @Test
    void categoriesWithoutPositivesAreUndefinedAndLeftOutOfTheMean() {
        VocEvaluation evaluation = new VocEvaluator()
                .evaluate(
                        dataset(image(1, person(0, 0, 10, 10))),
                        List.of(new ImageDetectionResult(
                                1,
                                List.of(
                                        detectedPerson(0, 0, 10, 10, 0.9f),
                                        new ScoredBox(0, 0, 5, 5, EvalCases.CAR, 0.9f)))));
        assertThat(evaluation.of(EvalCases.CAR).allPointAp()).isEqualTo(VocEvaluation.UNDEFINED);
        assertThat(evaluation.meanAllPointAp()).isCloseTo(1, within(EXACT));
        assertThat(evaluation.meanElevenPointAp()).isCloseTo(1, within(EXACT));
    }
}
