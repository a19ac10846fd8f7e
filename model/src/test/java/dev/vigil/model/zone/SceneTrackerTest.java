package dev.vigil.model.zone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.track.TrackedObject;
import dev.vigil.model.zone.SceneEvent.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Zones and lines at their edges: on the line, flickering across it, in and out in one step, tracks that end. */
class SceneTrackerTest {

    private static final IntFunction<String> LABELS = id -> id == 1 ? "person" : "car";
    private final SceneTracker tracker = new SceneTracker();

    /** A person (class 1) whose bottom centre is at (x, y): a 20×40 box above that point. */
    private static TrackedObject at(long id, double x, double y) {
        return new TrackedObject(id, 1, 0.9f, (float) x - 10, (float) y - 40, (float) x + 10, (float) y, 0);
    }

    private static Polygon square(double x1, double y1, double x2, double y2) {
        return new Polygon(List.of(new Point(x1, y1), new Point(x2, y1), new Point(x2, y2), new Point(x1, y2)));
    }

    /** A horizontal line at y = 100 from x = 0 to 200: walking down across it is IN. */
    private static CameraScene lineScene(int minFrames) {
        return new CameraScene(
                List.of(),
                List.of(new CountingLine("street", new Point(0, 100), new Point(200, 100), Set.of(), minFrames, 2)),
                List.of(),
                Map.of(),
                Map.of());
    }

    private static CameraScene zoneScene(int inertia, long loiteringMillis, Zone... more) {
        List<Zone> zones = new ArrayList<>();
        zones.add(new Zone("bay", square(100, 100, 200, 200), Set.of(), inertia, loiteringMillis));
        zones.addAll(List.of(more));
        return new CameraScene(zones, List.of(), List.of(), Map.of(), Map.of());
    }

    /** Feeds one track's bottom-centre path, one point a frame (100 ms apart); returns all events. */
    private List<SceneEvent> walk(CameraScene scene, SceneState state, double[][] path) {
        List<SceneEvent> events = new ArrayList<>();
        for (int t = 0; t < path.length; t++) {
            events.addAll(
                    tracker.update(scene, state, 100L * t, List.of(at(7, path[t][0], path[t][1])), List.of(), LABELS));
        }
        return events;
    }

    @Test
    void walkingDownAcrossTheLineCountsOneIn() {
        List<SceneEvent> events = walk(
                lineScene(2), SceneState.initial(), new double[][] {{50, 80}, {50, 90}, {50, 110}, {50, 120}, {50, 130}
                });
        assertThat(events).extracting(SceneEvent::kind).containsExactly(Kind.LINE_IN);
        assertThat(events.get(0).timeMillis())
                .as("decided on the second frame below")
                .isEqualTo(300);
        assertThat(events.get(0).label()).isEqualTo("person");
    }

    @Test
    void aBoxStandingOnTheLineDecidesNothing() {
        // within the 2 px band: y = 99 .. 101
        List<SceneEvent> events = walk(lineScene(2), SceneState.initial(), new double[][] {
            {50, 80}, {50, 99}, {50, 101}, {50, 100}, {50, 101.5}, {50, 99}, {50, 80}
        });
        assertThat(events).isEmpty();
    }

    @Test
    void aBoxFlickeringAcrossTheLineCountsOnce() {
        List<SceneEvent> events = walk(lineScene(2), SceneState.initial(), new double[][] {
            {50, 90}, {50, 105}, {50, 95}, {50, 105}, {50, 95}, {50, 106}, {50, 107}, {50, 95}, {50, 108}, {50, 109}
        });
        assertThat(events).extracting(SceneEvent::kind).containsExactly(Kind.LINE_IN);
        // with minFrames 1 each flicker would count: the debounce is what makes it once
        List<SceneEvent> undebounced =
                walk(lineScene(1), SceneState.initial(), new double[][] {{50, 90}, {50, 105}, {50, 95}, {50, 105}});
        assertThat(undebounced).extracting(SceneEvent::kind).containsExactly(Kind.LINE_IN, Kind.LINE_OUT, Kind.LINE_IN);
    }

    @Test
    void crossingBackAndForthCountsEachWayAndPassingBesideTheEndCountsNothing() {
        List<SceneEvent> events = walk(
                lineScene(2), SceneState.initial(), new double[][] {{50, 80}, {50, 120}, {50, 125}, {50, 80}, {50, 70}
                });
        assertThat(events).extracting(SceneEvent::kind).containsExactly(Kind.LINE_IN, Kind.LINE_OUT);
        List<SceneEvent> beside =
                walk(lineScene(2), SceneState.initial(), new double[][] {{250, 80}, {250, 120}, {250, 130}});
        assertThat(beside).isEmpty();
    }

    @Test
    void jumpingAcrossTheLineBetweenTwoFramesCounts() {
        List<SceneEvent> events =
                walk(lineScene(2), SceneState.initial(), new double[][] {{50, 20}, {50, 180}, {50, 190}});
        assertThat(events).extracting(SceneEvent::kind).containsExactly(Kind.LINE_IN);
    }

    @Test
    void enteringAndLeavingAZoneTakesInertiaAndReportsTheDwell() {
        List<SceneEvent> events = walk(zoneScene(3, 0), SceneState.initial(), new double[][] {
            {50, 150}, {150, 150}, {160, 150}, {170, 150}, {180, 150}, {250, 150}, {260, 150}, {270, 150}
        });
        assertThat(events).extracting(SceneEvent::kind).containsExactly(Kind.ZONE_ENTER, Kind.ZONE_EXIT);
        assertThat(events.get(0).timeMillis()).as("third frame inside").isEqualTo(300);
        assertThat(events.get(1).timeMillis()).as("third frame outside").isEqualTo(700);
        assertThat(events.get(1).dwellMillis())
                .as("first frame inside (100) to first outside (500)")
                .isEqualTo(400);
    }

    @Test
    void aBoxFlickeringOnTheZoneBorderEntersOnceAndNeverLeaves() {
        List<SceneEvent> events = walk(zoneScene(3, 0), SceneState.initial(), new double[][] {
            {150, 150},
            {150, 150},
            {150, 150},
            {98, 150},
            {101, 150},
            {98, 150},
            {101, 150},
            {98, 150},
            {98, 150},
            {101, 150}
        });
        assertThat(events).extracting(SceneEvent::kind).containsExactly(Kind.ZONE_ENTER);
    }

    @Test
    void aPointOnTheBorderIsInside() {
        assertThat(square(100, 100, 200, 200).contains(100, 150)).isTrue();
        assertThat(square(100, 100, 200, 200).contains(200, 200)).isTrue();
        assertThat(square(100, 100, 200, 200).contains(99.9, 150)).isFalse();
    }

    @Test
    void jumpingOverAZoneInOneStepIsNoVisitButLeavingOneZoneForAnotherIsBoth() {
        List<SceneEvent> jump = walk(zoneScene(1, 0), SceneState.initial(), new double[][] {{50, 150}, {250, 150}});
        assertThat(jump).isEmpty();
        Zone next = new Zone("lane", square(200.5, 100, 300, 200), Set.of(), 1, 0);
        List<SceneEvent> across =
                walk(zoneScene(1, 0, next), SceneState.initial(), new double[][] {{150, 150}, {250, 150}});
        assertThat(across)
                .extracting(SceneEvent::kind, SceneEvent::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.ZONE_ENTER, "bay"),
                        org.assertj.core.groups.Tuple.tuple(Kind.ZONE_EXIT, "bay"),
                        org.assertj.core.groups.Tuple.tuple(Kind.ZONE_ENTER, "lane"));
        assertThat(across.get(1).timeMillis()).isEqualTo(across.get(2).timeMillis());
    }

    @Test
    void aTrackThatEndsInsideAZoneLeavesItAtItsLastFrameSeen() {
        SceneState state = SceneState.initial();
        CameraScene scene = zoneScene(1, 0);
        tracker.update(scene, state, 1000, List.of(at(7, 150, 150)), List.of(), LABELS);
        tracker.update(scene, state, 1100, List.of(at(7, 151, 150)), List.of(), LABELS);
        tracker.update(scene, state, 1200, List.of(), List.of(), LABELS); // lost: not seen
        assertThat(state.zonesOf(7)).containsExactly("bay");
        List<SceneEvent> end = tracker.update(scene, state, 4000, List.of(), List.of(at(7, 151, 150)), LABELS);
        assertThat(end).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.ZONE_EXIT);
            assertThat(e.dwellMillis()).as("1000 to 1100").isEqualTo(100);
            assertThat(e.timeMillis()).isEqualTo(4000);
        });
        assertThat(state.trackCount()).isZero();
    }

    @Test
    void loiteringIsReportedOncePerVisit() {
        List<SceneEvent> events = walk(zoneScene(1, 300), SceneState.initial(), new double[][] {
            {150, 150}, {150, 150}, {150, 150}, {150, 150}, {150, 150}, {150, 150}
        });
        assertThat(events).extracting(SceneEvent::kind).containsExactly(Kind.ZONE_ENTER, Kind.LOITERING);
        assertThat(events.get(1).dwellMillis()).isEqualTo(300);
    }

    @Test
    void zonesAndLinesWatchOnlyTheirClasses() {
        CameraScene carsOnly = new CameraScene(
                List.of(new Zone("bay", square(100, 100, 200, 200), Set.of("car"), 1, 0)),
                List.of(),
                List.of(),
                Map.of(),
                Map.of());
        assertThat(walk(carsOnly, SceneState.initial(), new double[][] {{150, 150}}))
                .isEmpty();
    }

    @Test
    void theStateThroughBytesEveryFrameGivesTheSameEvents() {
        CameraScene scene = new CameraScene(
                List.of(new Zone("bay", square(100, 100, 200, 200), Set.of(), 2, 200)),
                List.of(new CountingLine("street", new Point(0, 100), new Point(400, 100), Set.of(), 2, 2)),
                List.of(),
                Map.of(),
                Map.of());
        SceneState original = SceneState.initial();
        byte[] stored = SceneStateCodec.encode(SceneState.initial());
        int events = 0;
        for (int t = 0; t < 40; t++) {
            List<TrackedObject> objects = List.of(at(1, 50 + 5 * t, 60 + 4 * t), at(2, 300 - 3 * t, 220 - 5 * t));
            List<TrackedObject> ended = t == 39 ? objects : List.of();
            List<SceneEvent> expected = tracker.update(scene, original, 100L * t, objects, ended, LABELS);
            SceneState restored = SceneStateCodec.decode(stored);
            assertThat(tracker.update(scene, restored, 100L * t, objects, ended, LABELS))
                    .isEqualTo(expected);
            stored = SceneStateCodec.encode(restored);
            assertThat(stored).isEqualTo(SceneStateCodec.encode(original));
            events += expected.size();
        }
        assertThat(events).as("the paths cross the line and the zone").isGreaterThanOrEqualTo(4);
    }

    @Test
    void windowsAreTumblingFromEpochZero() {
        assertThat(CountKey.windowStart(125_000, 60_000)).isEqualTo(120_000);
        assertThat(CountKey.windowStart(-1, 60_000)).isEqualTo(-60_000);
        SceneEvent in = new SceneEvent(Kind.LINE_IN, "street", 3, "car", 0, 0);
        assertThat(CountKey.of("gate", in)).isEqualTo(new CountKey("gate", CountKey.Shape.LINE, "street", "car", "IN"));
    }
}
