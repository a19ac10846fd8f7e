package dev.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaptureTimelineTest {

    static final long CREATED = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
    static final long MODIFIED = Instant.parse("2026-05-06T07:08:09Z").toEpochMilli();

    @Test
    void aLiveCameraIsStampedWithTheWallClock() {
        CaptureTimeline live = CaptureTimeline.live();
        long t = live.timelineMicros(123_456);
        assertThat(live.captureMillis(t, 42_000L)).isEqualTo(42_000L);
    }

    @Test
    void aFileUsesItsCreationTimePlusThePresentationTime() {
        CaptureTimeline file = CaptureTimeline.forFile("2026-01-02T03:04:05Z", MODIFIED);
        long t = file.timelineMicros(1_500_000);
        assertThat(file.captureMillis(t, 999)).isEqualTo(CREATED + 1_500);
    }

    @Test
    void withoutAReadableCreationTagTheFilesModificationTimeIsTheClock() {
        for (String tag : new String[] {null, "", "  ", "yesterday"}) {
            CaptureTimeline file = CaptureTimeline.forFile(tag, MODIFIED);
            assertThat(file.captureMillis(file.timelineMicros(40_000), 999))
                    .as("tag %s", tag)
                    .isEqualTo(MODIFIED + 40);
        }
    }

    @Test
    void aReplayOfTheSameFileGivesTheSameTimes() {
        CaptureTimeline first = CaptureTimeline.forFile("2026-01-02T03:04:05Z", MODIFIED);
        CaptureTimeline second = CaptureTimeline.forFile("2026-01-02T03:04:05Z", MODIFIED);
        for (long pts = 0; pts < 1_000_000; pts += 40_000) {
            assertThat(first.captureMillis(first.timelineMicros(pts), 1))
                    .isEqualTo(second.captureMillis(second.timelineMicros(pts), 2));
        }
    }

    @Test
    void aLoopContinuesOneFrameIntervalAfterTheLastFrame() {
        CaptureTimeline file = CaptureTimeline.forFile(null, MODIFIED);
        file.timelineMicros(0);
        file.timelineMicros(960_000);
        file.startNextLoop(40_000);
        long t = file.timelineMicros(0);
        assertThat(t).isEqualTo(1_000_000);
        assertThat(file.captureMillis(t, 0)).isEqualTo(MODIFIED + 1_000);
        file.timelineMicros(960_000);
        file.startNextLoop(40_000);
        assertThat(file.timelineMicros(0)).as("second loop").isEqualTo(2_000_000);
    }
}
