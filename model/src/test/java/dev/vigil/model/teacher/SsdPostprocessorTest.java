package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.model.detector.DetectedObject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Post-processing on hand-made outputs of a tiny SSD: a 2×2 and a 1×1 layer with one square anchor per cell of
 * scales 0.5 and 1 (5 anchors), and 4 labels: background, Person, Car, Vehicle, plus Boot left unmapped.
 */
class SsdPostprocessorTest {

    private static final List<String> LABELS = List.of("???", "Person", "Car", "Vehicle", "Boot");
    private static final int L = LABELS.size();
    private static final SsdAnchors ANCHORS =
            SsdAnchors.generate(new SsdAnchorConfig(new int[] {2, 1}, 0.5f, 1f, new float[] {1f}, 0f, false));
    private static final TeacherLabelMap MAP = TeacherLabelMap.parse("Person=person,Car=car,Vehicle=car");
    /** Logit of probability 0.9 and 0.2. */
    private static final float HIGH = (float) Math.log(0.9 / 0.1);

    private static final float LOW = (float) Math.log(0.2 / 0.8);
    private static final int HEIGHT = 200;
    private static final int WIDTH = 400;

    private final float[] codes = new float[ANCHORS.count() * 4];
    private final float[] logits = filled(ANCHORS.count() * L, -10f);

    @Test
    void mapsLabelsToClassesAndReportsPixelsOfTheStretchedImage() {
        logits[1 * L + 1] = HIGH; // anchor 1: top-right cell, Person
        List<DetectedObject> detections = postprocessor(0.5f).detections(codes, logits, HEIGHT, WIDTH);
        assertThat(detections).hasSize(1);
        DetectedObject person = detections.get(0);
        assertThat(person.label()).isEqualTo("person");
        assertThat(person.classId()).isEqualTo(1);
        assertThat(person.score()).isCloseTo(0.9f, within(1e-6f));
        // anchor: centre (0.25, 0.75), 0.5 × 0.5 → x 0.5..1.0 of 400, y 0..0.5 of 200
        assertThat(new float[] {person.x1(), person.y1(), person.x2(), person.y2()})
                .containsExactly(new float[] {200f, 0f, 400f, 100f}, within(1e-3f));
    }

    @Test
    void carAndVehicleOnTheSameObjectGiveOneCar() {
        logits[4 * L + 2] = LOW + 1; // anchor 4 (whole image): Car at ~0.4
        logits[4 * L + 3] = HIGH; // ... and Vehicle at 0.9
        List<DetectedObject> detections = postprocessor(0.3f).detections(codes, logits, HEIGHT, WIDTH);
        assertThat(detections).singleElement().satisfies(d -> {
            assertThat(d.label()).isEqualTo("car");
            assertThat(d.classId()).isEqualTo(2);
            assertThat(d.score()).isCloseTo(0.9f, within(1e-6f));
        });
    }

    @Test
    void dropsBackgroundUnmappedLabelsAndScoresBelowTheThreshold() {
        logits[0] = HIGH; // background of anchor 0
        logits[2 * L + 4] = HIGH; // Boot, unmapped
        logits[3 * L + 1] = LOW; // Person at 0.2
        assertThat(postprocessor(0.3f).detections(codes, logits, HEIGHT, WIDTH)).isEmpty();
        assertThat(postprocessor(0.1f).detections(codes, logits, HEIGHT, WIDTH))
                .singleElement()
                .satisfies(d -> assertThat(d.score()).isCloseTo(0.2f, within(1e-6f)));
    }

    @Test
    void clipsBoxesToTheImageAndSuppressesPerClassOnly() {
        logits[4 * L + 1] = HIGH; // person, whole image
        logits[4 * L + 2] = HIGH; // car, the same box: another class, kept
        codes[4 * 4 + 2] = 5f * (float) Math.log(3); // three times as high as the image
        List<DetectedObject> detections = postprocessor(0.5f).detections(codes, logits, HEIGHT, WIDTH);
        assertThat(detections).extracting(DetectedObject::label).containsExactlyInAnyOrder("person", "car");
        assertThat(detections)
                .allSatisfy(d -> assertThat(new float[] {d.x1(), d.y1(), d.x2(), d.y2()})
                        .containsExactly(new float[] {0f, 0f, WIDTH, HEIGHT}, within(1e-3f)));
    }

    @Test
    void keepsAtMostMaxDetectionsByScore() {
        for (int anchor = 0; anchor < 4; anchor++) {
            logits[anchor * L + 1] = 1f + anchor; // four disjoint persons, anchor 3 scores highest
        }
        TeacherSettings settings = new TeacherSettings(0.5f, 0.6f, 2, 1);
        List<DetectedObject> detections = new SsdPostprocessor(ANCHORS, SsdBoxDecoder.defaults(), LABELS, MAP, settings)
                .detections(codes, logits, HEIGHT, WIDTH);
        assertThat(detections).extracting(DetectedObject::score).containsExactly(sigmoid(4f), sigmoid(3f));
    }

    @Test
    void refusesOutputsOfTheWrongSizeAndLabelsTheModelLacks() {
        assertThatThrownBy(() -> postprocessor(0.5f).detections(new float[8], logits, HEIGHT, WIDTH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5×4 codes and 5×5 logits");
        TeacherLabelMap unknown = TeacherLabelMap.parse("Person=person,Truck=truck");
        assertThatThrownBy(() -> new SsdPostprocessor(
                        ANCHORS, SsdBoxDecoder.defaults(), LABELS, unknown, TeacherSettings.defaults()))
                .hasMessageContaining("'Truck', which is not a label of the teacher")
                .hasMessageContaining("Person, Car, Vehicle, Boot");
        TeacherLabelMap background = TeacherLabelMap.parse("???=person");
        assertThatThrownBy(() -> new SsdPostprocessor(
                        ANCHORS, SsdBoxDecoder.defaults(), LABELS, background, TeacherSettings.defaults()))
                .hasMessageContaining("'???', which is the teacher's background slot");
    }

    private static SsdPostprocessor postprocessor(float scoreThreshold) {
        return new SsdPostprocessor(
                ANCHORS,
                SsdBoxDecoder.defaults(),
                LABELS,
                MAP,
                TeacherSettings.defaults().withScoreThreshold(scoreThreshold));
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }
}
