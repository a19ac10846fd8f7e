package dev.vigil.stream.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CameraStateTest {

    /** 2^53: JavaScript's numbers hold every integer below it exactly (the live view reads track ids as numbers). */
    static final long EXACT_IN_JAVASCRIPT = 1L << 53;

    @Test
    void theFirstTrackIdIsTheFirstFramesCaptureTimeInMillisecondsTimesAThousandPlusOne() {
        Instant capture = Instant.parse("2026-12-08T04:00:00.123Z");
        assertThat(CameraState.initial(capture.toEpochMilli()).tracker.nextTrackId())
                .isEqualTo(capture.toEpochMilli() * 1000 + 1);
    }

    @Test
    void aCameraClockBefore1970OrFarInTheFutureStillGivesIdsFrom1ToBelow2To53() {
        assertThat(CameraState.firstTrackId(-86_400_000L)).isEqualTo(1);
        assertThat(CameraState.firstTrackId(Long.MIN_VALUE)).isEqualTo(1);
        long farFuture = CameraState.firstTrackId(Long.MAX_VALUE);
        assertThat(farFuture)
                .isEqualTo(CameraState.firstTrackId(
                        Instant.parse("3000-01-01T00:00:00Z").toEpochMilli()))
                .isLessThan(EXACT_IN_JAVASCRIPT - 100_000_000_000_000L);
    }
}
