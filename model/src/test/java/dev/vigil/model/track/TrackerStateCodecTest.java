package dev.vigil.model.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tracker's state through bytes and back: a restored tracker continues exactly as the original. */
class TrackerStateCodecTest {

    private final ByteTracker tracker = new ByteTracker(TrackerSettings.byteTrack(10));

    @Test
    void aTrackerRestoredFromBytesEveryFrameDoesExactlyWhatTheOriginalDoes() {
        TrackerState original = TrackerState.initial();
        byte[] stored = TrackerStateCodec.encode(TrackerState.initial());
        SplittableRandom random = new SplittableRandom(3);
        List<double[]> objects = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            objects.add(new double[] {random.nextDouble(0, 600), random.nextDouble(0, 400), random.nextDouble(-4, 4)});
        }
        int issued = 0;
        for (int frame = 0; frame < 120; frame++) {
            List<DetectedBox> detections = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                double[] o = objects.get(i);
                o[0] += o[2];
                if (random.nextDouble() < 0.15) {
                    continue; // missed
                }
                float score = (float) random.nextDouble(0.2, 1.0);
                detections.add(new DetectedBox(
                        1 + i % 2, score, (float) o[0], (float) o[1], (float) o[0] + 30, (float) o[1] + 60));
            }
            TrackingResult expected;
            TrackingResult actual;
            if (frame % 17 == 16) {
                expected = tracker.advance(original, 2);
                TrackerState restored = TrackerStateCodec.decode(stored);
                actual = tracker.advance(restored, 2);
                stored = TrackerStateCodec.encode(restored);
            } else {
                expected = tracker.update(original, detections);
                TrackerState restored = TrackerStateCodec.decode(stored);
                actual = tracker.update(restored, detections);
                stored = TrackerStateCodec.encode(restored);
            }
            assertThat(actual.trackIds()).as("frame %d", frame).containsExactly(expected.trackIds());
            assertThat(actual.tracked()).isEqualTo(expected.tracked());
            assertThat(actual.started()).isEqualTo(expected.started());
            assertThat(actual.ended()).isEqualTo(expected.ended());
            assertThat(stored).isEqualTo(TrackerStateCodec.encode(original));
            issued += expected.started().size();
        }
        assertThat(issued).as("the sequence exercises confirmation").isGreaterThanOrEqualTo(12);
        assertThat(original.lost).as("and lost tracks").isNotEmpty();
        assertThat(TrackerStateCodec.decode(stored).nextTrackId()).isEqualTo(original.nextTrackId());
    }

    @Test
    void anEmptyStateIsSmall() {
        assertThat(TrackerStateCodec.encode(TrackerState.initial())).hasSize(25);
    }

    @Test
    void badBytesAreRejectedWithTheirCause() {
        TrackerState state = TrackerState.initial();
        tracker.update(state, List.of(new DetectedBox(1, 0.9f, 0, 0, 10, 20)));
        byte[] good = TrackerStateCodec.encode(state);

        assertThatThrownBy(() -> TrackerStateCodec.decode(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> TrackerStateCodec.decode(Arrays.copyOf(good, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
        byte[] otherVersion = good.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> TrackerStateCodec.decode(otherVersion)).hasMessageContaining("version 9");
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> TrackerStateCodec.decode(longer)).hasMessageContaining("3 bytes too many");
        byte[] hugeCount = good.clone();
        hugeCount[17] = 0x7f; // the tracked count's first byte
        assertThatThrownBy(() -> TrackerStateCodec.decode(hugeCount)).hasMessageContaining("announces");
    }
}
