package dev.vigil.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.detector.DetectedObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reasons a frame's labels are doubtful: low teacher scores, the model adding or missing objects. */
class LabelReviewTest {

    static final Map<Integer, String> NAMES = Map.of(1, "person", 2, "car");
    static final LabelReview REVIEW = new LabelReview(0.5f, 0.5f, 0.5f);

    static GroundTruthBox label(float x, int category, float score, boolean crowd) {
        return new GroundTruthBox(x, 0, x + 20, 40, category, crowd, 800, score);
    }

    static DetectedObject detection(String label, float score, float x) {
        return new DetectedObject(label.equals("person") ? 1 : 2, label, score, x, 0, x + 20, 40);
    }

    @Test
    void aFrameTheModelAndTheTeacherAgreeOnIsNotDoubtful() {
        AnnotatedImage frame = new AnnotatedImage(1, "a.jpg", 100, 50, List.of(label(0, 1, 0.9f, false)));
        assertThat(REVIEW.reasons(frame, true, NAMES, List.of(detection("person", 0.8f, 1))))
                .isEmpty();
    }

    @Test
    void namesLowScoresAndWhatTheModelAddsOrMisses() {
        AnnotatedImage frame = new AnnotatedImage(
                1,
                "a.jpg",
                200,
                50,
                List.of(label(0, 1, 0.4f, false), label(100, 2, 0.9f, false), label(150, 1, 0.2f, true)));
        List<DetectedObject> detections = List.of(
                detection("person", 0.9f, 1), // agrees with the low-scored person
                detection("person", 0.95f, 50), // no label there
                detection("car", 0.3f, 100), // below the model's score: the car counts as missed
                detection("person", 0.7f, 152)); // inside the ignore region of its class: not an addition

        List<String> reasons = REVIEW.reasons(frame, true, NAMES, detections);

        assertThat(reasons)
                .containsExactly(
                        "teacher's person scored 0.40 < 0.50 at [0, 0, 20, 40]",
                        "model adds person 0.95 at [50, 0, 70, 40]",
                        "model misses car at [100, 0, 120, 40]");
        assertThat(REVIEW.reasons(frame, false, NAMES, null))
                .as("a person's labels have no scores to doubt; no model, no comparison")
                .isEmpty();
    }
}
