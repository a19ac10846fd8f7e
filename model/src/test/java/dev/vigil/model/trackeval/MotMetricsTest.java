package dev.vigil.model.trackeval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.model.trackeval.TrackBox.Kind;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * CLEAR-MOT and the identity measures on sequences small enough to count by hand; the arithmetic is written beside
 * each expectation. Boxes are 10×10: on the same spot the IoU distance is 0, 2 px apart it is 1 − 80/120 = 1/3, 100 px
 * apart the pair is not allowed (distance 1 > 0.5).
 */
class MotMetricsTest {

    private static final String PERSON = "person";

    private static TrackBox box(long id, double x) {
        return new TrackBox(id, PERSON, x, 0, 10, 10, 1f, Kind.SCORED);
    }

    private static TrackBox ignoreRegion(double x) {
        return new TrackBox(-1, PERSON, x, 0, 10, 10, 1f, Kind.IGNORE_REGION);
    }

    private static MotMetrics evaluate(TrackSequence truth, TrackSequence hypotheses) {
        MotEvaluation.Report report =
                MotEvaluation.evaluate(truth, hypotheses, Set.of(PERSON), MotEvaluation.DEFAULT_MAX_DISTANCE);
        return report.perClass().get(PERSON);
    }

    /**
     * Objects a (id 10) and b (id 20), hypotheses 1, 2, 3.
     *
     * <pre>
     * frame 1: a–h1 (0), b–h2 (0)                 2 MATCH
     * frame 2: h1 on b, h2 on a (ids swapped)      a–h2, b–h1: 2 SWITCH (and 2 TRANSFER)
     * frame 3: h2 2 px off a (1/3), h3 far away    a–h2 MATCH (kept from frame 2); b MISS; h3 FP
     * frame 4: a alone                             a MISS
     * </pre>
     */
    @Test
    void clearMotAndIdentityMeasuresOfASwapCountedByHand() {
        TrackSequence truth = new TrackSequence();
        TrackSequence hypotheses = new TrackSequence();
        for (int frame = 1; frame <= 3; frame++) {
            truth.add(frame, box(10, 0));
            truth.add(frame, box(20, 100));
        }
        truth.add(4, box(10, 0));
        hypotheses.add(1, box(1, 0));
        hypotheses.add(1, box(2, 100));
        hypotheses.add(2, box(1, 100));
        hypotheses.add(2, box(2, 0));
        hypotheses.add(3, box(2, 2));
        hypotheses.add(3, box(3, 300));

        MotMetrics m = evaluate(truth, hypotheses);

        assertThat(m.numFrames()).isEqualTo(4);
        assertThat(m.numObjects()).as("2 + 2 + 2 + 1").isEqualTo(7);
        assertThat(m.numPredictions()).as("2 + 2 + 2").isEqualTo(6);
        assertThat(m.numMatches()).as("2 in frame 1, 1 in frame 3").isEqualTo(3);
        assertThat(m.numSwitches()).isEqualTo(2);
        assertThat(m.numTransfer()).isEqualTo(2);
        assertThat(m.numAscend()).as("h1 and h2 were seen before").isZero();
        assertThat(m.numMisses()).as("b in frame 3, a in frame 4").isEqualTo(2);
        assertThat(m.numFalsePositives()).as("h3").isEqualTo(1);
        assertThat(m.numFragmentations())
                .as("no miss between two tracked frames")
                .isZero();
        // a tracked 3 of 4 frames (0.75), b 2 of 3 (0.67): both partially tracked
        assertThat(m.partiallyTracked()).isEqualTo(2);
        assertThat(m.mostlyTracked() + m.mostlyLost()).isZero();
        assertThat(m.mota()).as("1 - (2 + 2 + 1) / 7").isCloseTo(2.0 / 7, within(1e-12));
        assertThat(m.motp()).as("(0 + 0 + 0 + 0 + 1/3) / 5").isCloseTo(1.0 / 15, within(1e-12));
        assertThat(m.precision()).as("5 / (1 + 5)").isCloseTo(5.0 / 6, within(1e-12));
        assertThat(m.recall()).as("5 / 7").isCloseTo(5.0 / 7, within(1e-12));
        // Identity: a is in 4 frames, b in 3; h1 in 2, h2 in 3, h3 in 1. Frames together: (a,h1) 1, (a,h2) 2, (b,h1) 1,
        // (b,h2) 1. Best: a–h2, b–h1: IDTP = 2 + 1 = 3, IDFN = (4 − 2) + (3 − 1) = 4, IDFP = (3 − 2) + (2 − 1) + 1 = 3.
        assertThat(m.idtp()).isEqualTo(3);
        assertThat(m.idfn()).isEqualTo(4);
        assertThat(m.idfp()).isEqualTo(3);
        assertThat(m.idf1()).as("2 × 3 / (7 + 6)").isCloseTo(6.0 / 13, within(1e-12));
        assertThat(m.idp()).as("3 / (3 + 3)").isCloseTo(0.5, within(1e-12));
        assertThat(m.idr()).as("3 / (3 + 4)").isCloseTo(3.0 / 7, within(1e-12));
    }

    /**
     * A pair is only carried forward from the update just before (py-motmetrics since it records {@code
     * last_update_frameid}): a–h1 in frame 1, a missed in frame 2, then h1 (1/3 away) and h2 (on the spot) both cover
     * a: the assignment takes h2, a SWITCH.
     */
    @Test
    void aPairBrokenByAMissIsNotCarriedForward() {
        TrackSequence truth = new TrackSequence();
        TrackSequence hypotheses = new TrackSequence();
        for (int frame = 1; frame <= 3; frame++) {
            truth.add(frame, box(10, 0));
        }
        hypotheses.add(1, box(1, 0));
        hypotheses.add(3, box(1, 2));
        hypotheses.add(3, box(2, 0));

        MotMetrics m = evaluate(truth, hypotheses);

        assertThat(m.numSwitches()).isEqualTo(1);
        assertThat(m.numAscend()).as("h2 is new").isEqualTo(1);
        assertThat(m.numMatches()).isEqualTo(1);
        assertThat(m.numMisses()).isEqualTo(1);
        assertThat(m.numFalsePositives()).as("h1 in frame 3").isEqualTo(1);
        assertThat(m.numFragmentations()).as("matched, missed, matched").isEqualTo(1);
        assertThat(m.mota()).as("1 - (1 + 1 + 1) / 3").isCloseTo(0, within(1e-12));
    }

    /**
     * An ignore region (MOT Challenge's distractor): h2 on it is dropped before scoring, and nobody misses it; h3 only
     * grazes it (IoU 1/3, distance 2/3 > 0.5) and stays a false positive.
     */
    @Test
    void hypothesesOnIgnoreRegionsAreDroppedAndTheRegionsAreNeverMissed() {
        TrackSequence truth = new TrackSequence();
        truth.add(1, box(10, 0));
        truth.add(1, ignoreRegion(100));
        truth.add(1, ignoreRegion(200));
        TrackSequence hypotheses = new TrackSequence();
        hypotheses.add(1, box(1, 0));
        hypotheses.add(1, box(2, 100));
        hypotheses.add(1, box(3, 205));

        MotEvaluation.Report report =
                MotEvaluation.evaluate(truth, hypotheses, Set.of(PERSON), MotEvaluation.DEFAULT_MAX_DISTANCE);
        MotMetrics m = report.perClass().get(PERSON);

        assertThat(report.droppedOnIgnoreRegions()).isEqualTo(1);
        assertThat(m.numObjects()).isEqualTo(1);
        assertThat(m.numMatches()).isEqualTo(1);
        assertThat(m.numMisses()).isZero();
        assertThat(m.numFalsePositives()).as("h3").isEqualTo(1);
        assertThat(m.mota()).as("1 - 1 / 1").isCloseTo(0, within(1e-12));
    }

    /**
     * The ground truth labels frames 1 and 3 only: h2 in frame 2 is not scored (no FP, no switch), frame 2 is not
     * counted, and a–h1 in frames 1 and 3 are two matches.
     */
    @Test
    void onlyTheFramesTheGroundTruthLabelsAreScored() {
        TrackSequence truth = new TrackSequence();
        truth.add(1, box(10, 0));
        truth.add(3, box(10, 0));
        truth.label(5); // labelled, and empty: h1 there is a false positive
        TrackSequence hypotheses = new TrackSequence();
        hypotheses.add(1, box(1, 0));
        hypotheses.add(2, box(2, 0));
        hypotheses.add(3, box(1, 0));
        hypotheses.add(5, box(1, 0));

        MotEvaluation.Report report =
                MotEvaluation.evaluate(truth, hypotheses, Set.of(PERSON), MotEvaluation.DEFAULT_MAX_DISTANCE);
        MotMetrics m = report.perClass().get(PERSON);

        assertThat(report.droppedOutsideLabelledFrames()).isEqualTo(1);
        assertThat(m.numFrames()).isEqualTo(3);
        assertThat(m.numMatches()).isEqualTo(2);
        assertThat(m.numSwitches()).isZero();
        assertThat(m.numFalsePositives()).isEqualTo(1);
        // IDF1: a in 2 frames, h1 in 3, together 2: 2 × 2 / (2 + 3)
        assertThat(m.idf1()).isCloseTo(0.8, within(1e-12));
    }

    /** Per class, then overall as py-motmetrics' {@code compute_overall} adds them up. */
    @Test
    void classesAreScoredApartAndAddedUp() {
        TrackSequence truth = new TrackSequence();
        truth.add(1, box(10, 0));
        truth.add(1, new TrackBox(20, "car", 0, 0, 10, 10, 1f, Kind.SCORED));
        TrackSequence hypotheses = new TrackSequence();
        // a car hypothesis on the person and a person hypothesis on the car: same boxes, other classes
        hypotheses.add(1, new TrackBox(1, "car", 0, 0, 10, 10, 1f, Kind.SCORED));
        hypotheses.add(1, box(2, 50));

        MotEvaluation.Report report =
                MotEvaluation.evaluate(truth, hypotheses, Set.of(PERSON, "car"), MotEvaluation.DEFAULT_MAX_DISTANCE);

        assertThat(report.perClass()).containsOnlyKeys(PERSON, "car");
        assertThat(report.perClass().get("car").numMatches()).isEqualTo(1);
        assertThat(report.perClass().get(PERSON).numMisses()).isEqualTo(1);
        assertThat(report.perClass().get(PERSON).numFalsePositives()).isEqualTo(1);
        MotMetrics overall = report.overall();
        assertThat(overall.numObjects()).isEqualTo(2);
        assertThat(overall.numFrames()).as("one frame, counted once per class").isEqualTo(2);
        assertThat(overall.mota()).as("1 - (1 + 1) / 2").isCloseTo(0, within(1e-12));
        assertThat(overall.idf1()).as("2 × 1 / (2 + 2)").isCloseTo(0.5, within(1e-12));
    }
}
