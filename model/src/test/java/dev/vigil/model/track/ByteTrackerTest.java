package dev.vigil.model.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ByteTracker} on hand-made sequences of boxes. */
class ByteTrackerTest {

    private static final int PERSON = 1;
    private static final int CAR = 2;

    private final ByteTracker tracker = new ByteTracker(TrackerSettings.byteTrack(30));

    /** A 20×50 person whose box's left edge is at x, top at y. */
    private static DetectedBox person(double x, double y, float score) {
        return new DetectedBox(PERSON, score, (float) x, (float) y, (float) x + 20, (float) y + 50);
    }

    @Test
    void anObjectKeepsItsIdFromFrameToFrame() {
        TrackerState state = TrackerState.initial();
        List<Long> ids = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            TrackingResult result = tracker.update(state, List.of(person(10 + 3 * t, 100, 0.9f)));
            ids.add(result.trackIdOf(0));
        }
        assertThat(ids).containsOnly(1L);
        assertThat(state.nextTrackId()).isEqualTo(2);
    }

    @Test
    void aTrackIsConfirmedOnItsSecondHitAndOnlyThenGetsAnId() {
        TrackerState state = TrackerState.initial();
        tracker.update(state, List.of()); // the camera's first frame: empty
        TrackingResult first = tracker.update(state, List.of(person(10, 100, 0.9f)));
        assertThat(first.trackIdOf(0)).isNull();
        assertThat(first.started()).isEmpty();
        TrackingResult second = tracker.update(state, List.of(person(12, 100, 0.9f)));
        assertThat(second.trackIdOf(0)).isEqualTo(1L);
        assertThat(second.started()).extracting(TrackedObject::trackId).containsExactly(1L);
        TrackingResult third = tracker.update(state, List.of(person(14, 100, 0.9f)));
        assertThat(third.started()).isEmpty();
        assertThat(third.tracked()).extracting(TrackedObject::trackId).containsExactly(1L);
    }

    @Test
    void aFalsePositiveForOneFrameNeverGetsAnIdNorUsesOne() {
        TrackerState state = TrackerState.initial();
        tracker.update(state, List.of(person(10, 100, 0.9f)));
        TrackingResult withGhost = tracker.update(state, List.of(person(12, 100, 0.9f), person(300, 20, 0.95f)));
        assertThat(withGhost.trackIdOf(0)).isEqualTo(1L);
        assertThat(withGhost.trackIdOf(1)).isNull();
        for (int t = 2; t < 6; t++) {
            tracker.update(state, List.of(person(10 + 2 * t, 100, 0.9f)));
        }
        // the ghost's unconfirmed track was removed: a new object gets id 2, not 3
        tracker.update(state, List.of(person(20, 100, 0.9f), person(200, 200, 0.9f)));
        TrackingResult next = tracker.update(state, List.of(person(22, 100, 0.9f), person(202, 200, 0.9f)));
        assertThat(next.trackIdOf(1)).isEqualTo(2L);
    }

    @Test
    void aMissedFrameLosesTheTrackForAMomentAndTheSameIdComesBack() {
        TrackerState state = TrackerState.initial();
        for (int t = 0; t < 5; t++) {
            tracker.update(state, List.of(person(10 + 4 * t, 100, 0.9f)));
        }
        TrackingResult missed = tracker.update(state, List.of());
        assertThat(missed.tracked()).isEmpty();
        assertThat(missed.ended()).isEmpty();
        TrackingResult back = tracker.update(state, List.of(person(10 + 4 * 6, 100, 0.9f)));
        assertThat(back.trackIdOf(0)).isEqualTo(1L);
        assertThat(back.started()).isEmpty();
    }

    @Test
    void anOcclusionLongerThanTheBufferEndsTheTrackAndTheObjectComesBackWithANewId() {
        ByteTracker shortMemory = new ByteTracker(TrackerSettings.byteTrack(30).withMaxTimeLost(3));
        TrackerState state = TrackerState.initial();
        for (int t = 0; t < 4; t++) {
            shortMemory.update(state, List.of(person(10, 100, 0.9f)));
        }
        List<Long> ended = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            shortMemory.update(state, List.of()).ended().forEach(o -> ended.add(o.trackId()));
        }
        assertThat(ended).containsExactly(1L);
        shortMemory.update(state, List.of(person(10, 100, 0.9f)));
        TrackingResult back = shortMemory.update(state, List.of(person(10, 100, 0.9f)));
        assertThat(back.trackIdOf(0)).isEqualTo(2L);
    }

    @Test
    void anOccludedObjectIsFoundAgainAtItsPredictedPlace() {
        TrackerState state = TrackerState.initial();
        for (int t = 0; t < 8; t++) {
            tracker.update(state, List.of(person(10 + 6 * t, 100, 0.9f)));
        }
        for (int t = 8; t < 13; t++) {
            tracker.update(state, List.of()); // behind a sign for 5 frames, moving on at 6 px/frame
        }
        // back 78 px further on: only the motion model brings the lost track there
        TrackingResult back = tracker.update(state, List.of(person(10 + 6 * 13, 100, 0.9f)));
        assertThat(back.trackIdOf(0)).isEqualTo(1L);
    }

    @Test
    void twoPeopleCrossingKeepTheirIds() {
        TrackerState state = TrackerState.initial();
        long leftToRight = -1;
        long rightToLeft = -1;
        for (int t = 0; t <= 20; t++) {
            // they meet at t = 10; the one walking in front scores high, the one behind lower while they overlap
            DetectedBox a = person(10 + 8 * t, 100, 0.9f);
            boolean overlapping = Math.abs(t - 10) <= 1;
            DetectedBox b = person(170 - 8 * t, 104, overlapping ? 0.3f : 0.9f);
            TrackingResult result = tracker.update(state, List.of(a, b));
            if (t == 1) {
                leftToRight = result.trackIdOf(0);
                rightToLeft = result.trackIdOf(1);
            } else if (t > 1) {
                assertThat(result.trackIdOf(0)).as("frame %d, left to right", t).isEqualTo(leftToRight);
                assertThat(result.trackIdOf(1)).as("frame %d, right to left", t).isEqualTo(rightToLeft);
            }
        }
        assertThat(leftToRight).isNotEqualTo(rightToLeft);
    }

    @Test
    void aLowScoreDetectionContinuesATrackButCannotStartOne() {
        TrackerState state = TrackerState.initial();
        for (int t = 0; t < 3; t++) {
            tracker.update(state, List.of(person(10 + 2 * t, 100, 0.9f)));
        }
        // second association: a 0.3 box on the track's spot keeps it tracked, a 0.3 box elsewhere starts nothing
        TrackingResult low = tracker.update(state, List.of(person(16, 100, 0.3f), person(300, 30, 0.3f)));
        assertThat(low.trackIdOf(0)).isEqualTo(1L);
        assertThat(low.trackIdOf(1)).isNull();
        assertThat(state.trackCount()).isEqualTo(1);
        // below the low threshold a box is ignored: the track is lost
        TrackingResult tooLow = tracker.update(state, List.of(person(18, 100, 0.05f)));
        assertThat(tooLow.trackIdOf(0)).isNull();
    }

    @Test
    void aTrackNeverTakesABoxOfAnotherClass() {
        TrackerState state = TrackerState.initial();
        for (int t = 0; t < 3; t++) {
            tracker.update(state, List.of(person(10, 100, 0.9f)));
        }
        DetectedBox carOnThePerson = new DetectedBox(CAR, 0.9f, 10, 100, 30, 150);
        TrackingResult car = tracker.update(state, List.of(carOnThePerson));
        assertThat(car.trackIdOf(0)).isNull();
        TrackingResult again = tracker.update(state, List.of(carOnThePerson, person(10, 100, 0.9f)));
        assertThat(again.trackIdOf(0)).as("the car's own new track").isEqualTo(2L);
        assertThat(again.trackIdOf(1)).as("the person, found again").isEqualTo(1L);
        assertThat(again.tracked()).extracting(TrackedObject::classId).containsExactly(PERSON, CAR);
    }

    @Test
    void advancingTimeMovesTracksOnWithoutLosingThemWhileAnEmptyFrameLosesThem() {
        TrackerState advanced = TrackerState.initial();
        TrackerState emptied = TrackerState.initial();
        for (int t = 0; t < 6; t++) {
            tracker.update(advanced, List.of(person(10 + 5 * t, 100, 0.9f)));
            tracker.update(emptied, List.of(person(10 + 5 * t, 100, 0.9f)));
        }
        TrackingResult skipped = tracker.advance(advanced, 4);
        assertThat(skipped.ended()).isEmpty();
        assertThat(advanced.frame()).isEqualTo(10);
        TrackingResult seenNothing = tracker.update(emptied, List.of());
        assertThat(seenNothing.tracked()).isEmpty();
        assertThat(emptied.lost).hasSize(1);
        assertThat(advanced.tracked).hasSize(1);
        assertThat(advanced.lost).isEmpty();
        // after the gap the object is 4 steps further on (x = 10 + 5 × 10), where the model expects it
        TrackingResult after = tracker.update(advanced, List.of(person(60, 100, 0.9f)));
        assertThat(after.trackIdOf(0)).isEqualTo(1L);
        assertThat(advanced.tracked.get(0).trackletLength)
                .as("still tracked, not re-found")
                .isEqualTo(6);
    }

    @Test
    void advancingAgesLostTracksOut() {
        ByteTracker shortMemory = new ByteTracker(TrackerSettings.byteTrack(30).withMaxTimeLost(5));
        TrackerState state = TrackerState.initial();
        for (int t = 0; t < 3; t++) {
            shortMemory.update(state, List.of(person(10, 100, 0.9f)));
        }
        shortMemory.update(state, List.of()); // lost at frame 4, last seen at frame 3
        assertThat(shortMemory.advance(state, 4).ended()).isEmpty(); // frame 8: lost for 5 frames
        TrackingResult aged = shortMemory.advance(state, 1_000_000_000L); // a huge gap is bounded work
        assertThat(aged.ended()).extracting(TrackedObject::trackId).containsExactly(1L);
        assertThat(state.trackCount()).isZero();
    }

    @Test
    void idsAreNeverReusedAndUnconfirmedTracksUseNone() {
        ByteTracker shortMemory = new ByteTracker(TrackerSettings.byteTrack(30).withMaxTimeLost(1));
        TrackerState state = TrackerState.initial();
        List<Long> issued = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int t = 0; t < 3; t++) {
                TrackingResult result = shortMemory.update(state, List.of(person(10 + 40 * round, 100, 0.9f)));
                result.started().forEach(o -> issued.add(o.trackId()));
            }
            shortMemory.update(state, List.of());
            shortMemory.update(state, List.of());
            shortMemory.update(state, List.of());
        }
        assertThat(issued).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void degenerateBoxesTakeNoPart() {
        TrackerState state = TrackerState.initial();
        DetectedBox flat = new DetectedBox(PERSON, 0.9f, 10, 100, 30, 100);
        DetectedBox nan = new DetectedBox(PERSON, 0.9f, Float.NaN, 100, 30, 150);
        TrackingResult result = tracker.update(state, List.of(flat, nan));
        assertThat(result.trackIds()).containsExactly(0, 0);
        assertThat(state.trackCount()).isZero();
    }
}
