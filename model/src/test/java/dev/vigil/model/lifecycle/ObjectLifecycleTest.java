package dev.vigil.model.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.model.lifecycle.ObjectEvent.Reason;
import dev.vigil.model.lifecycle.ObjectEvent.Type;
import dev.vigil.model.track.ByteTracker;
import dev.vigil.model.track.DetectedBox;
import dev.vigil.model.track.TrackerSettings;
import dev.vigil.model.track.TrackerState;
import dev.vigil.model.track.TrackingResult;
import dev.vigil.model.zone.CameraScene;
import dev.vigil.model.zone.Point;
import dev.vigil.model.zone.Polygon;
import dev.vigil.model.zone.SceneEvent;
import dev.vigil.model.zone.SceneState;
import dev.vigil.model.zone.SceneTracker;
import dev.vigil.model.zone.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** One person's life through the real tracker, zones and lifecycle, frame by frame (10 frames/s). */
class ObjectLifecycleTest {

    private static final IntFunction<String> LABELS = id -> "person";

    private final ByteTracker tracker =
            new ByteTracker(TrackerSettings.byteTrack(10).withMaxTimeLost(3));
    private final SceneTracker sceneTracker = new SceneTracker();
    private final ObjectLifecycle lifecycle = new ObjectLifecycle(new LifecycleSettings(1000, 0.6, 0.05f));
    private final CameraScene scene = new CameraScene(
            List.of(new Zone(
                    "bay",
                    new Polygon(
                            List.of(new Point(100, 0), new Point(300, 0), new Point(300, 300), new Point(100, 300))),
                    Set.of(),
                    1,
                    0)),
            List.of(),
            List.of(),
            Map.of(),
            Map.of());

    /**
     * A 20×50 box walking right 6 px/frame from x = 50 (frames 0–9), standing at x = 110 (frames 10–24, scoring 0.95
     * in frames 15–24), walking on 6 px/frame and out of the zone (frames 25–60), then gone.
     */
    private static List<DetectedBox> frame(int t) {
        if (t > 60) {
            return List.of();
        }
        double x = t < 10 ? 50 + 6 * t : t < 25 ? 110 : 110 + 6 * (t - 24);
        float score = t >= 15 && t < 25 ? 0.95f : 0.8f;
        return List.of(new DetectedBox(1, score, (float) x, 100, (float) x + 20, 150));
    }

    @Test
    void newOnceThenUpdatesForWhatChangedThenEndOnce() {
        List<ObjectEvent> events = run(false);

        assertThat(events).extracting(ObjectEvent::type).containsOnlyOnce(Type.NEW, Type.END);
        assertThat(events.get(0).type()).isEqualTo(Type.NEW);
        assertThat(events.get(0).frameSequence())
                .as("confirmed on its second frame")
                .isEqualTo(1);
        List<Set<Reason>> updates = events.stream()
                .filter(e -> e.type() == Type.UPDATE)
                .map(ObjectEvent::reasons)
                .toList();
        assertThat(updates)
                .containsExactly(
                        Set.of(Reason.ZONE_ENTERED), // frame 7: bottom centre 50 + 42 + 10 = 102 ≥ 100
                        Set.of(Reason.BETTER_SNAPSHOT), // frame 15: 0.8 → 0.95
                        Set.of(Reason.STATIONARY), // frame 20: standing since frame 10, 1 s
                        Set.of(Reason.MOVING), // frame 25: 6 px off its rest box, IoU 14/26 < 0.6
                        Set.of(Reason.ZONE_LEFT)); // frame 55: bottom centre 110 + 186 + 10 = 306 > 300
        assertThat(events.stream()
                        .filter(e -> e.reasons().contains(Reason.STATIONARY))
                        .findFirst()
                        .orElseThrow()
                        .frameSequence())
                .isEqualTo(20);

        ObjectEvent end = events.get(events.size() - 1);
        assertThat(end.type()).isEqualTo(Type.END);
        assertThat(end.trackId()).isEqualTo(1);
        assertThat(end.firstSeenMillis()).as("frame 1").isEqualTo(100);
        assertThat(end.lastSeenMillis()).as("frame 60").isEqualTo(6000);
        assertThat(end.topScore()).isEqualTo(0.95f);
        assertThat(end.bestFrameSequence()).isEqualTo(15);
        assertThat(end.zones()).isEmpty();
        assertThat(end.stationary()).isFalse();
        // frames 1 → 10: 9 steps of 6 px (54), standing: 0, frames 24 → 60: 36 steps of 6 px (216)
        assertThat(end.pathLength()).isCloseTo(270, within(1e-9));
    }

    @Test
    void theStateThroughBytesEveryFrameGivesTheSameEvents() {
        assertThat(run(true)).isEqualTo(run(false));
    }

    private List<ObjectEvent> run(boolean throughBytes) {
        TrackerState trackerState = TrackerState.initial();
        SceneState sceneState = SceneState.initial();
        LifecycleState state = LifecycleState.initial();
        tracker.update(trackerState, List.of()); // the camera's first frame is empty: no instant confirmation
        List<ObjectEvent> events = new ArrayList<>();
        for (int t = 0; t < 70; t++) {
            TrackingResult result = tracker.update(trackerState, frame(t));
            long millis = 100L * t;
            List<SceneEvent> sceneEvents =
                    sceneTracker.update(scene, sceneState, millis, result.tracked(), result.ended(), LABELS);
            if (throughBytes) {
                state = LifecycleStateCodec.decode(LifecycleStateCodec.encode(state));
            }
            events.addAll(lifecycle.update(state, t, millis, result, sceneEvents, LABELS));
        }
        assertThat(state.objectCount()).isZero();
        return events;
    }
}
