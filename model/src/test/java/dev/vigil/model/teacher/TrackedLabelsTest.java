package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.GroundTruthBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Teacher labels cleaned by tracking: low-score boxes on a track become labels, boxes on no track ignore regions,
 * gaps filled.
 */
class TrackedLabelsTest {

    private static final int PERSON = 1;
    private static final int CAR = 2;
    private static final List<Category> CATEGORIES = List.of(new Category(PERSON, "person"), new Category(CAR, "car"));
    /** Persons start tracks from 0.5, cars from 0.4. */
    private static final ClassThresholds THRESHOLDS = new ClassThresholds(Map.of("person", 0.5f, "car", 0.4f), 0.5f);

    static GroundTruthBox box(float x, int category, float score) {
        return new GroundTruthBox(x, 10, x + 20, 60, category, false, 1000, score);
    }

    static AnnotatedImage frame(int id, GroundTruthBox... boxes) {
        return new AnnotatedImage(id, "vtest_f" + id + ".jpg", 400, 100, List.of(boxes));
    }

    private static TrackedLabels.Result clean(List<AnnotatedImage> frames, int maxGap) {
        return new TrackedLabels(THRESHOLDS, 0.1f, maxGap, false, false).clean(frames, CATEGORIES);
    }

    /** The image has one box, a label (not an ignore region). */
    private static void assertOneLabel(AnnotatedImage image) {
        assertThat(image.boxes())
                .as(image.fileName())
                .singleElement()
                .satisfies(b -> assertThat(b.crowd()).isFalse());
    }

    @Test
    void lowScoreBoxesThatContinueATrackOfConfidentOnesBecomeLabels() {
        List<AnnotatedImage> frames = List.of(
                frame(1, box(10, PERSON, 0.9f)),
                frame(2, box(12, PERSON, 0.8f)),
                frame(3, box(14, PERSON, 0.3f)), // the teacher unsure: under the person threshold
                frame(4, box(16, PERSON, 0.2f)));

        TrackedLabels.Result result = clean(frames, 0);

        for (AnnotatedImage image : result.images()) {
            assertOneLabel(image);
        }
        assertThat(result.images().get(2).boxes().get(0).score()).isEqualTo(0.3f);
        assertThat(result.kept()).isEqualTo(2);
        assertThat(result.recovered()).isEqualTo(2);
        assertThat(result.ignored()).isZero();
    }

    @Test
    void lowScoreBoxesBeforeATracksFirstConfidentBoxAreFoundBackwards() {
        List<AnnotatedImage> frames = List.of(
                frame(1),
                frame(2, box(10, PERSON, 0.2f)),
                frame(3, box(12, PERSON, 0.3f)),
                frame(4, box(14, PERSON, 0.9f)), // the track starts here going forward
                frame(5, box(16, PERSON, 0.9f)),
                frame(6, box(18, PERSON, 0.9f)));

        List<AnnotatedImage> out = clean(frames, 0).images();

        for (int t = 1; t < 6; t++) {
            assertOneLabel(out.get(t));
        }
    }

    @Test
    void betweenOnlyRecoversALowScoreBoxOnlyWhereConfidentBoxesOfTheObjectComeBeforeAndAfterIt() {
        List<AnnotatedImage> frames = List.of(
                frame(1),
                frame(2, box(10, PERSON, 0.9f)),
                frame(3, box(12, PERSON, 0.9f)),
                frame(4, box(14, PERSON, 0.3f)), // between confident boxes
                frame(5, box(16, PERSON, 0.9f)),
                frame(6, box(18, PERSON, 0.9f)),
                frame(7, box(20, PERSON, 0.3f))); // after the last confident box only

        TrackedLabels.Result between = new TrackedLabels(THRESHOLDS, 0.1f, 0, true, false).clean(frames, CATEGORIES);
        TrackedLabels.Result eitherSide = clean(frames, 0);

        assertOneLabel(between.images().get(3));
        assertThat(between.images().get(6).boxes())
                .as("on no track, under the threshold")
                .isEmpty();
        assertThat(between.recovered()).isEqualTo(1);
        assertOneLabel(eitherSide.images().get(6));
        assertThat(eitherSide.recovered()).isEqualTo(2);
    }

    @Test
    void aConfidentBoxOnNoTrackBecomesAnIgnoreRegionALowScoreOneIsDroppedUnlessAsked() {
        List<AnnotatedImage> frames = List.of(
                frame(1),
                frame(2, box(10, PERSON, 0.9f), box(200, PERSON, 0.2f)),
                frame(3, box(12, PERSON, 0.9f), box(300, PERSON, 0.05f)),
                frame(4, box(14, PERSON, 0.9f), box(100, PERSON, 0.95f)), // confident, seen once
                frame(5, box(16, PERSON, 0.9f)));

        TrackedLabels.Result result = clean(frames, 0);
        TrackedLabels.Result ignoring = new TrackedLabels(THRESHOLDS, 0.1f, 0, false, true).clean(frames, CATEGORIES);

        List<AnnotatedImage> out = result.images();
        assertThat(out.get(1).boxes()).noneMatch(b -> b.x1() == 200);
        assertThat(out.get(2).boxes()).noneMatch(b -> b.x1() == 300);
        assertThat(out.get(3).boxes())
                .filteredOn(b -> b.x1() == 100)
                .singleElement()
                .satisfies(b -> assertThat(b.crowd()).isTrue());
        assertThat(out.stream().flatMap(i -> i.boxes().stream()).filter(b -> b.x1() < 20))
                .hasSize(4)
                .noneMatch(GroundTruthBox::crowd);
        assertThat(result.ignored()).isEqualTo(1);
        assertThat(ignoring.images().get(1).boxes())
                .filteredOn(b -> b.x1() == 200)
                .singleElement()
                .satisfies(b -> assertThat(b.crowd()).isTrue());
        assertThat(ignoring.images().get(2).boxes()).noneMatch(b -> b.x1() == 300);
        assertThat(ignoring.ignored()).isEqualTo(2);
    }

    @Test
    void aTracksGapIsFilledBetweenTheFramesAroundItUpToTheLongestGap() {
        List<AnnotatedImage> frames = new ArrayList<>();
        frames.add(frame(1));
        for (int t = 2; t <= 4; t++) {
            frames.add(frame(t, box(10 + 2 * t, PERSON, 0.9f)));
        }
        frames.add(frame(5)); // missed in 5, 6 and 7: behind a pillar, or the teacher lost it
        frames.add(frame(6));
        frames.add(frame(7));
        for (int t = 8; t <= 10; t++) {
            frames.add(frame(t, box(10 + 2 * t, PERSON, 0.9f)));
        }

        TrackedLabels.Result filled = clean(frames, 3);
        TrackedLabels.Result tooLong = clean(frames, 2);

        assertThat(filled.filled()).isEqualTo(3);
        for (int t = 5; t <= 7; t++) {
            float x = 10 + 2 * t;
            assertThat(filled.images().get(t - 1).boxes())
                    .as("frame %d", t)
                    .singleElement()
                    .satisfies(b -> {
                        assertThat(b.crowd()).isFalse();
                        assertThat(b.x1()).isCloseTo(x, org.assertj.core.data.Offset.offset(1e-3f));
                        assertThat(b.categoryId()).isEqualTo(PERSON);
                    });
        }
        assertThat(tooLong.filled()).isZero();
        assertThat(tooLong.images().get(5).boxes()).isEmpty();
    }

    @Test
    void eachClassIsTrackedOnItsOwnWithItsOwnThreshold() {
        List<AnnotatedImage> frames = List.of(
                frame(1, box(10, PERSON, 0.9f)),
                frame(2, box(10, PERSON, 0.9f)),
                frame(3, box(10, CAR, 0.3f)), // a car where the person was: not the person's track
                frame(4, box(200, CAR, 0.45f)),
                frame(5, box(200, CAR, 0.45f))); // cars start tracks from 0.4

        List<AnnotatedImage> out = clean(frames, 0).images();

        assertThat(out.get(2).boxes())
                .as("the car on no track, under the car threshold")
                .isEmpty();
        assertOneLabel(out.get(3));
        assertOneLabel(out.get(4));
    }

    @Test
    void ignoreRegionsGivenStayAsTheyAre() {
        GroundTruthBox region = new GroundTruthBox(0, 0, 50, 50, PERSON, true, 2500, 1f);
        List<AnnotatedImage> out = clean(List.of(frame(1, region), frame(2)), 0).images();

        assertThat(out.get(0).boxes()).containsExactly(region);
    }

    @Test
    void refusesALowScoreOutsideZeroToOneAndANegativeGap() {
        assertThatThrownBy(() -> new TrackedLabels(THRESHOLDS, 0f, 1, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrackedLabels(THRESHOLDS, 0.1f, -1, false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
