package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.GroundTruthBox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Teacher labels cleaned by neighbouring frames: flicker becomes ignore, a one-frame miss is filled. */
class TemporalConsistencyTest {

    static GroundTruthBox box(float x, int category, float score) {
        return new GroundTruthBox(x, 10, x + 20, 50, category, false, 800, score);
    }

    static AnnotatedImage frame(int id, GroundTruthBox... boxes) {
        return new AnnotatedImage(id, id + ".jpg", 200, 100, List.of(boxes));
    }

    @Test
    void keepsBoxesSeenAroundIgnoresFlickerAndFillsAOneFrameMiss() {
        List<AnnotatedImage> frames = new ArrayList<>();
        frames.add(frame(1, box(10, 1, 0.9f)));
        frames.add(frame(2, box(12, 1, 0.8f), box(150, 1, 0.4f))); // a flicker at x=150
        frames.add(frame(3)); // the person at x≈14 is missed
        frames.add(frame(4, box(16, 1, 0.7f), box(100, 2, 0.6f)));
        frames.add(frame(5, box(18, 1, 0.9f), box(101, 1, 0.5f))); // class 1 at 101 is not class 2 at 100

        TemporalConsistency.Result result = new TemporalConsistency(1, 0.3f).clean(frames);

        List<AnnotatedImage> out = result.images();
        assertThat(out.get(0).boxes())
                .singleElement()
                .satisfies(b -> assertThat(b.crowd()).isFalse());
        assertThat(out.get(1).boxes())
                .filteredOn(b -> b.x1() == 150)
                .singleElement()
                .satisfies(b ->
                        assertThat(b.crowd()).as("seen nowhere around: ignore").isTrue());
        assertThat(out.get(2).boxes())
                .as("frame 3 gets the box frames 2 and 4 agree on")
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.crowd()).isFalse();
                    assertThat(b.x1()).isEqualTo(14f);
                    assertThat(b.score()).isEqualTo(0.7f);
                });
        assertThat(out.get(3).boxes())
                .filteredOn(b -> b.categoryId() == 2)
                .singleElement()
                .satisfies(b -> assertThat(b.crowd())
                        .as("another class nearby is no support")
                        .isTrue());
        assertThat(result.filled()).isEqualTo(1);
        assertThat(result.ignored()).isEqualTo(3);
        assertThat(result.kept()).isEqualTo(4);
    }

    @Test
    void aFilledMissSupportsItsNeighboursAndAWiderWindowBridgesLongerGaps() {
        List<AnnotatedImage> oneGap = List.of(frame(1, box(10, 1, 0.9f)), frame(2), frame(3, box(11, 1, 0.9f)));
        TemporalConsistency.Result filled = new TemporalConsistency(1, 0.3f).clean(oneGap);
        assertThat(filled.filled()).isEqualTo(1);
        assertThat(filled.ignored()).isZero();

        List<AnnotatedImage> twoGaps =
                List.of(frame(1, box(10, 1, 0.9f)), frame(2), frame(3), frame(4, box(11, 1, 0.9f)));
        assertThat(new TemporalConsistency(1, 0.3f).clean(twoGaps).ignored()).isEqualTo(2);
        assertThat(new TemporalConsistency(3, 0.3f).clean(twoGaps).ignored()).isZero();
        assertThatThrownBy(() -> new TemporalConsistency(0, 0.3f)).isInstanceOf(IllegalArgumentException.class);
    }
}
