package dev.vigil.model.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.model.data.GroundTruthBox;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SyntheticVideoTest {

    private static final int WIDTH = 384;
    private static final int HEIGHT = 288;
    private static final SceneSettings SETTINGS = SceneSettings.defaults(WIDTH, HEIGHT);

    @Test
    void framesAreTheSameEveryTimeTheyAreMade() {
        SyntheticVideo video = new SyntheticScenes(SETTINGS, 11).video(0, 20, 10);
        SyntheticImage later = video.frame(12);
        video.frame(3);
        SyntheticImage again =
                new SyntheticScenes(SETTINGS, 11).video(0, 20, 10).frame(12);
        assertThat(SyntheticScenesTest.pixels(again.image())).isEqualTo(SyntheticScenesTest.pixels(later.image()));
        assertThat(again.objects()).isEqualTo(later.objects());
        assertThat(SyntheticScenesTest.pixels(new SyntheticScenes(SETTINGS, 12)
                        .video(0, 20, 10)
                        .frame(12)
                        .image()))
                .isNotEqualTo(SyntheticScenesTest.pixels(later.image()));
    }

    @Test
    void carsDriveAtConstantSpeedKeepingTheirSize() {
        double fps = 10;
        SyntheticVideo video = new SyntheticScenes(SETTINGS.withClasses(List.of(SceneClass.CAR)), 21).video(0, 40, fps);
        int checked = 0;
        for (NavigableMap<Integer, GroundTruthBox> track :
                wholeBoxesByTrack(video).values()) {
            Map.Entry<Integer, GroundTruthBox> first = track.firstEntry();
            Map.Entry<Integer, GroundTruthBox> last = track.lastEntry();
            if (last.getKey() - first.getKey() < 2) {
                continue;
            }
            double stepPerFrame = (last.getValue().x1() - first.getValue().x1()) / (last.getKey() - first.getKey());
            assertThat(Math.abs(stepPerFrame)).as("moves").isGreaterThan(0.5);
            for (Map.Entry<Integer, GroundTruthBox> frame : track.entrySet()) {
                GroundTruthBox box = frame.getValue();
                assertThat((double) box.x1())
                        .isCloseTo(
                                first.getValue().x1() + stepPerFrame * (frame.getKey() - first.getKey()), within(1e-2));
                assertThat(box.width()).isCloseTo(first.getValue().width(), within(1e-3f));
                assertThat(box.y1()).isEqualTo(first.getValue().y1());
                assertThat(box.y2()).isEqualTo(first.getValue().y2());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void peopleWalkingInDepthGrowAsTheyComeCloser() {
        SyntheticVideo video = new SyntheticScenes(
                        SETTINGS.withClasses(List.of(SceneClass.PERSON)).withObjectsPerImage(8, 8), 5)
                .video(0, 30, 10);
        int inDepth = 0;
        for (NavigableMap<Integer, GroundTruthBox> byFrame :
                wholeBoxesByTrack(video).values()) {
            List<GroundTruthBox> track = List.copyOf(byFrame.values());
            if (track.size() < 2 || track.get(0).y2() == track.get(1).y2()) {
                continue;
            }
            inDepth++;
            float direction = Math.signum(track.get(1).y2() - track.get(0).y2());
            for (int i = 1; i < track.size(); i++) {
                assertThat(Math.signum(track.get(i).y2() - track.get(i - 1).y2()))
                        .isEqualTo(direction);
                assertThat(Math.signum(track.get(i).height() - track.get(i - 1).height()))
                        .isEqualTo(direction);
            }
        }
        assertThat(inDepth).isGreaterThan(0);
    }

    @Test
    void objectsEnteringOrHiddenAreClippedAndMarkedIgnoredUntilTheyShowEnough() {
        SyntheticVideo video = new SyntheticScenes(SETTINGS, 8).video(1, 60, 10);
        int ignored = 0;
        for (int t = 0; t < video.frameCount(); t++) {
            for (SceneObject object : video.frame(t).objects()) {
                GroundTruthBox box = object.box();
                assertThat(box.x1()).isGreaterThanOrEqualTo(0);
                assertThat(box.y1()).isGreaterThanOrEqualTo(0);
                assertThat(box.x2()).isLessThanOrEqualTo(WIDTH).isGreaterThan(box.x1());
                assertThat(box.y2()).isLessThanOrEqualTo(HEIGHT).isGreaterThan(box.y1());
                boolean shouldIgnore = object.visibleFraction() < SETTINGS.minVisibleFraction()
                        || box.height() < SETTINGS.minObjectHeight();
                assertThat(box.crowd()).isEqualTo(shouldIgnore);
                ignored += box.crowd() ? 1 : 0;
            }
        }
        assertThat(ignored).isGreaterThan(0);
    }

    @Test
    void badFrameRequestsAreRefused() {
        SyntheticScenes scenes = new SyntheticScenes(SETTINGS, 1);
        assertThatThrownBy(() -> scenes.video(0, 0, 10)).hasMessageContaining("frames > 0");
        assertThatThrownBy(() -> scenes.video(0, 5, 10).frame(5))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("frame 5 of a 5-frame video");
    }

    /** Each track's boxes by frame index, in the frames that show all of it, unclipped. */
    private static Map<Integer, NavigableMap<Integer, GroundTruthBox>> wholeBoxesByTrack(SyntheticVideo video) {
        Map<Integer, NavigableMap<Integer, GroundTruthBox>> tracks = new HashMap<>();
        for (int t = 0; t < video.frameCount(); t++) {
            for (SceneObject object : video.frame(t).objects()) {
                GroundTruthBox box = object.box();
                boolean clipped = box.x1() == 0 || box.y1() == 0 || box.x2() == WIDTH || box.y2() == HEIGHT;
                if (object.visibleFraction() == 1.0 && !clipped) {
                    tracks.computeIfAbsent(object.trackId(), id -> new TreeMap<>())
                            .put(t, object.box());
                }
            }
        }
        return tracks;
    }
}
