package dev.vigil.model.eval;

import static dev.vigil.model.eval.EvalCases.CAR;
import static dev.vigil.model.eval.EvalCases.PERSON;
import static dev.vigil.model.eval.EvalCases.crowdOfPeople;
import static dev.vigil.model.eval.EvalCases.dataset;
import static dev.vigil.model.eval.EvalCases.detectedPerson;
import static dev.vigil.model.eval.EvalCases.detections;
import static dev.vigil.model.eval.EvalCases.image;
import static dev.vigil.model.eval.EvalCases.person;
import static dev.vigil.model.eval.EvalCases.personWithArea;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.model.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * COCO metrics on cases small enough to compute by hand (R = 101 recall points, T = 10 IoU thresholds). Precision 1
 * comes out as 1/(1 + 2^-52), as in pycocotools, hence the tolerance.
 */
class CocoEvaluatorTest {

    private static final double EXACT = 1e-12;
    private static final double ALL = CocoEvaluation.ALL_IOU_THRESHOLDS;
    private final CocoEvaluator evaluator = new CocoEvaluator();

    @Test
    void singlePerfectDetectionScoresOneWhereDefinedAndMinusOneElsewhere() {
        CocoSummary s = evaluator
                .evaluate(dataset(image(1, person(0, 0, 10, 10))), detections(1, detectedPerson(0, 0, 10, 10, 0.9f)))
                .summary();

        assertThat(new double[] {s.ap(), s.ap50(), s.ap75(), s.apSmall(), s.ar1(), s.ar10(), s.ar100(), s.arSmall()})
                .as("1 up to pycocotools' eps in precision's denominator")
                .containsOnly(new double[] {1}, within(EXACT));
        assertThat(new double[] {s.apMedium(), s.apLarge(), s.arMedium(), s.arLarge()})
                .as("no medium or large ground truth")
                .containsOnly(-1.0);
    }

    @Test
    void falsePositiveRankedFirstHalvesPrecisionAndTheIouDecidesPerThreshold() {
        // IoU of the true detection: 100×72 / 100×100 = 0.72, so it matches at .50 .55 .60 .65 .70 only.
        CocoEvaluation evaluation = evaluator.evaluate(
                dataset(image(1, person(0, 0, 100, 100))),
                detections(1, detectedPerson(200, 200, 300, 300, 0.9f), detectedPerson(0, 0, 100, 72, 0.8f)));

        CocoSummary s = evaluation.summary();
        assertThat(s.ap50()).as("precision 1/2 at every recall point").isCloseTo(0.5, within(EXACT));
        assertThat(s.ap75()).isZero();
        assertThat(s.ap()).isCloseTo(5 * 0.5 / 10, within(EXACT));
        assertThat(s.ar100()).isCloseTo(5 / 10.0, within(EXACT));
        assertThat(s.ar1()).as("only the false positive is within the cap of 1").isZero();
        assertThat(evaluation.averagePrecision(0.7, "all", 100)).isCloseTo(0.5, within(EXACT));
        assertThat(evaluation.averagePrecision(0.75, "all", 100)).isZero();
    }

    @Test
    void detectionsInsideACrowdRegionAreIgnoredAndTheCrowdIsNeverMissed() {
        Dataset truth = dataset(image(1, person(0, 0, 50, 50), crowdOfPeople(100, 100, 300, 300)));
        List<ImageDetectionResult> found = detections(
                1,
                detectedPerson(150, 150, 170, 170, 0.95f),
                detectedPerson(200, 200, 230, 230, 0.9f),
                detectedPerson(0, 0, 50, 50, 0.5f));

        CocoSummary s = evaluator.evaluate(truth, found).summary();

        assertThat(s.ap())
                .as("both crowd detections ignored, the true one first among the counted")
                .isCloseTo(1.0, within(EXACT));
        assertThat(s.ar100()).isCloseTo(1.0, within(EXACT));

        Dataset noCrowd = dataset(image(1, person(0, 0, 50, 50), person(100, 100, 300, 300)));
        double apWithoutCrowdFlag = evaluator.evaluate(noCrowd, found).summary().ap50();
        // Ranks FP, FP, TP: recall reaches 1/2 at precision 1/3 -> points 0.00..0.50 (51 of 101) read 1/3.
        assertThat(apWithoutCrowdFlag).isCloseTo(51 / 101.0 / 3, within(EXACT));
    }

    @Test
    void areaRangesUseTheAnnotationAreaAndIgnoreUnmatchedDetectionsOfOtherSizes() {
        Dataset truth = dataset(image(1, person(0, 0, 200, 100), personWithArea(300, 0, 400, 100, 500)));
        List<ImageDetectionResult> found = detections(
                1,
                detectedPerson(500, 400, 510, 410, 0.9f),
                detectedPerson(0, 0, 200, 100, 0.8f),
                detectedPerson(300, 0, 400, 100, 0.7f));

        CocoSummary s = evaluator.evaluate(truth, found).summary();

        // all: FP, TP, TP -> precision 2/3 at every recall point.
        assertThat(s.ap()).isCloseTo(2 / 3.0, within(EXACT));
        // large: the 20000 px² box counts; the unmatched 100 px² false positive lies outside the range -> ignored;
        // the detection on the 500-area box matches an ignored box -> ignored.
        assertThat(s.apLarge()).isCloseTo(1.0, within(EXACT));
        // small: the 100×100 box counts as small by its annotation area 500; the small FP counts against it.
        assertThat(s.apSmall()).isCloseTo(0.5, within(EXACT));
        assertThat(s.apMedium()).isEqualTo(-1.0);
    }

    @Test
    void areaBoundsAreInclusive() {
        CocoSummary s = evaluator
                .evaluate(
                        dataset(image(1, personWithArea(0, 0, 32, 32, 32 * 32))),
                        detections(1, detectedPerson(0, 0, 32, 32, 0.9f)))
                .summary();
        assertThat(s.apSmall()).isCloseTo(1.0, within(EXACT));
        assertThat(s.apMedium()).isCloseTo(1.0, within(EXACT));
        assertThat(s.apLarge()).isEqualTo(-1.0);
    }

    @Test
    void aDuplicateDetectionIsAFalsePositive() {
        Dataset truth = dataset(image(1, person(0, 0, 100, 100), person(300, 300, 400, 400)));
        List<ImageDetectionResult> found = detections(
                1,
                detectedPerson(0, 0, 100, 100, 0.9f),
                detectedPerson(0, 0, 100, 100, 0.8f),
                detectedPerson(300, 300, 400, 400, 0.7f));

        CocoSummary s = evaluator.evaluate(truth, found).summary();

        // TP, FP, TP: precision 1 up to recall 1/2 (51 points), then 2/3 (50 points).
        assertThat(s.ap()).isCloseTo((51 + 50 * 2 / 3.0) / 101, within(EXACT));
        assertThat(s.ar100()).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void aCategoryWithoutGroundTruthIsUndefinedAndLeftOutOfTheMean() {
        List<ImageDetectionResult> found = List.of(new ImageDetectionResult(
                1, List.of(detectedPerson(0, 0, 10, 10, 0.9f), new ScoredBox(50, 50, 60, 60, CAR, 0.99f))));
        CocoEvaluation evaluation = evaluator.evaluate(dataset(image(1, person(0, 0, 10, 10))), found);

        assertThat(evaluation.categoryAveragePrecision(CAR, ALL)).isEqualTo(-1.0);
        assertThat(evaluation.categoryAveragePrecision(PERSON, ALL)).isCloseTo(1.0, within(EXACT));
        assertThat(evaluation.summary().ap()).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void missedGroundTruthInAnImageWithoutDetectionsLowersRecall() {
        CocoSummary s = evaluator
                .evaluate(
                        dataset(image(1, person(0, 0, 10, 10)), image(2, person(0, 0, 10, 10))),
                        detections(1, detectedPerson(0, 0, 10, 10, 0.9f)))
                .summary();
        assertThat(s.ar100()).isEqualTo(0.5);
        assertThat(s.ap()).isCloseTo(51 / 101.0, within(EXACT));
    }

    @Test
    void scoreTiesKeepTheGivenOrder() {
        Dataset truth = dataset(image(1, person(0, 0, 100, 100)));
        double trueFirst = evaluator
                .evaluate(
                        truth,
                        detections(1, detectedPerson(0, 0, 100, 100, 0.5f), detectedPerson(200, 200, 300, 300, 0.5f)))
                .summary()
                .ap();
        double falseFirst = evaluator
                .evaluate(
                        truth,
                        detections(1, detectedPerson(200, 200, 300, 300, 0.5f), detectedPerson(0, 0, 100, 100, 0.5f)))
                .summary()
                .ap();
        assertThat(trueFirst).isCloseTo(1.0, within(EXACT));
        assertThat(falseFirst).isCloseTo(0.5, within(EXACT));
    }

    @Test
    void detectionsBeyondTheCapPerImageAndCategoryAreDropped() {
        ScoredBox[] boxes = new ScoredBox[101];
        for (int i = 0; i < 100; i++) {
            boxes[i] = detectedPerson(500, 400, 510, 410, 0.9f);
        }
        boxes[100] = detectedPerson(0, 0, 100, 100, 0.1f);
        CocoSummary s = evaluator
                .evaluate(dataset(image(1, person(0, 0, 100, 100))), detections(1, boxes))
                .summary();
        assertThat(s.ar100()).as("the only true detection is the 101st").isZero();
        assertThat(s.ap()).isZero();
    }

    @Test
    void pycocotoolsThresholdsAreBitExact() {
        double[] iou = CocoEvalParams.DEFAULT.iouThresholds();
        assertThat(iou).hasSize(10);
        assertThat(iou[0]).isEqualTo(0.5);
        assertThat(iou[9]).isEqualTo(0.95);
        assertThat(iou[8]).as("numpy.linspace's value").isEqualTo(0.8999999999999999);
        assertThat(CocoEvalParams.DEFAULT.recallThresholds()[70])
                .as("numpy.linspace's value")
                .isEqualTo(0.7000000000000001);
    }

    @Test
    void detectionsOfUnknownImagesOrCategoriesAreRejected() {
        Dataset truth = dataset(image(1, person(0, 0, 10, 10)));
        assertThatThrownBy(() -> evaluator.evaluate(truth, detections(9, detectedPerson(0, 0, 1, 1, 1f))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image id 9");
        assertThatThrownBy(() -> evaluator.evaluate(
                        truth, List.of(new ImageDetectionResult(1, List.of(new ScoredBox(0, 0, 1, 1, 77, 1f))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("category id 77");
        assertThatThrownBy(() -> evaluator.evaluate(truth, detections(1, detectedPerson(5, 0, 1, 1, 1f))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x2 ≥ x1");
    }
}
