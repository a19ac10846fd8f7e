package dev.vigil.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DetectedObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairing two detectors' outputs, and the verdict for two roundings of one network. */
class DetectionAgreementTest {

    private static final double MIN_IOU = 0.99;
    private static final double SCORE_TOLERANCE = 0.01;
    private static final double BORDERLINE = 0.06;

    private static DetectedObject person(float score, float x1) {
        return new DetectedObject(1, "person", score, x1, 10, x1 + 40, 110);
    }

    private static DetectedObject car(float score, float x1) {
        return new DetectedObject(3, "car", score, x1, 10, x1 + 40, 110);
    }

    @Test
    void theSameDetectionsInAnotherOrderAgree() {
        List<DetectedObject> first = List.of(person(0.9f, 0), car(0.7f, 100), person(0.3f, 200));
        List<DetectedObject> second = List.of(person(0.3f, 200), person(0.9f, 0), car(0.7f, 100));

        DetectionAgreement agreement = DetectionAgreement.compare(first, second);

        assertThat(agreement.pairs()).isEqualTo(3);
        assertThat(agreement.onlyFirst()).isEmpty();
        assertThat(agreement.onlySecond()).isEmpty();
        assertThat(agreement.minPairIou()).isEqualTo(1.0);
        assertThat(agreement.maxScoreDifference()).isZero();
        assertThat(agreement.agrees(MIN_IOU, SCORE_TOLERANCE, BORDERLINE)).isTrue();
    }

    @Test
    void roundingSizedDifferencesAgree() {
        DetectionAgreement agreement = DetectionAgreement.compare(
                List.of(person(0.9f, 0), car(0.7f, 100)), List.of(person(0.9001f, 0.01f), car(0.6999f, 100)));

        assertThat(agreement.pairs()).isEqualTo(2);
        assertThat(agreement.minPairIou()).isBetween(0.999, 1.0);
        assertThat(agreement.maxScoreDifference()).isBetween(1e-5, 2e-4);
        assertThat(agreement.agrees(MIN_IOU, SCORE_TOLERANCE, BORDERLINE)).isTrue();
    }

    @Test
    void aMovedBoxOrAnotherScoreDisagrees() {
        assertThat(DetectionAgreement.compare(List.of(person(0.9f, 0)), List.of(person(0.9f, 4)))
                        .agrees(MIN_IOU, SCORE_TOLERANCE, BORDERLINE))
                .isFalse();
        assertThat(DetectionAgreement.compare(List.of(person(0.9f, 0)), List.of(person(0.8f, 0)))
                        .agrees(MIN_IOU, SCORE_TOLERANCE, BORDERLINE))
                .isFalse();
    }

    @Test
    void anotherClassAtTheSamePlaceIsNoPartner() {
        DetectionAgreement agreement = DetectionAgreement.compare(List.of(person(0.9f, 0)), List.of(car(0.9f, 0)));

        assertThat(agreement.pairs()).isZero();
        assertThat(agreement.onlyFirst()).containsExactly(person(0.9f, 0));
        assertThat(agreement.onlySecond()).containsExactly(car(0.9f, 0));
        assertThat(agreement.agrees(MIN_IOU, SCORE_TOLERANCE, BORDERLINE)).isFalse();
    }

    @Test
    void onlyADetectionAtTheScoreThresholdMayBeMissingOnOneSide() {
        List<DetectedObject> both = List.of(person(0.9f, 0), car(0.7f, 100));
        List<DetectedObject> withBorderline = List.of(person(0.9f, 0), car(0.7f, 100), person(0.0502f, 300));
        List<DetectedObject> withConfident = List.of(person(0.9f, 0), car(0.7f, 100), person(0.4f, 300));

        DetectionAgreement borderline = DetectionAgreement.compare(withBorderline, both);
        DetectionAgreement confident = DetectionAgreement.compare(both, withConfident);

        assertThat(borderline.onlyFirst()).containsExactly(person(0.0502f, 300));
        assertThat(borderline.agrees(MIN_IOU, SCORE_TOLERANCE, BORDERLINE)).isTrue();
        assertThat(confident.onlySecond()).containsExactly(person(0.4f, 300));
        assertThat(confident.agrees(MIN_IOU, SCORE_TOLERANCE, BORDERLINE)).isFalse();
    }

    @Test
    void eachDetectionPairsOnceWithItsBestOverlap() {
        // two overlapping persons on each side: each pairs with its own, not both with the first
        List<DetectedObject> first = List.of(person(0.9f, 0), person(0.8f, 10));
        List<DetectedObject> second = List.of(person(0.8f, 10), person(0.9f, 0));

        DetectionAgreement agreement = DetectionAgreement.compare(first, second);

        assertThat(agreement.pairs()).isEqualTo(2);
        assertThat(agreement.minPairIou()).isEqualTo(1.0);
    }
}
