package dev.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.schemas.CameraState;
import dev.vigil.schemas.CameraStatus;
import dev.vigil.schemas.ConnectionQuality;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CameraStatusTrackerTest {

    private final CameraStats stats = new CameraStats();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final CameraStatusTracker tracker = new CameraStatusTracker(
            "gate", stats, () -> Optional.ofNullable(failure.get()), 5, Duration.ofSeconds(3), "host-1");

    private void frames(int n, long atMillis) {
        stats.framesDecoded.addAndGet(n);
        stats.lastFrameWallMillis.set(atMillis);
    }

    @Test
    void connectingThenOnlineWithItsFpsThenStalledThenReconnectingThenOffline() {
        CameraStatus connecting = tracker.sample(1_000);
        assertThat(connecting.getState()).isEqualTo(CameraState.RECONNECTING);
        assertThat(connecting.getReason()).isEqualTo("connecting");
        assertThat(connecting.getLastFrameTime()).isNull();

        stats.streaming.set(true);
        stats.declaredFps(10);
        frames(10, 1_900);
        CameraStatus online = tracker.sample(2_000);
        assertThat(online.getState()).isEqualTo(CameraState.ONLINE);
        assertThat(online.getFps()).isCloseTo(10.0, within(1e-9));
        assertThat(online.getExpectedFps()).isEqualTo(10.0);
        assertThat(online.getQuality()).isEqualTo(ConnectionQuality.GOOD);
        assertThat(online.getLastFrameTime().toEpochMilli()).isEqualTo(1_900);
        assertThat(online.getIngestHost()).isEqualTo("host-1");

        CameraStatus stalled = tracker.sample(6_000);
        assertThat(stalled.getState()).isEqualTo(CameraState.STALLED);
        assertThat(stalled.getReason()).isEqualTo("no frame for 4 s");
        assertThat(stalled.getFps()).isZero();
        assertThat(stalled.getQuality()).isEqualTo(ConnectionQuality.POOR);

        stats.streaming.set(false);
        stats.lastError.set("no frame for 10 s");
        CameraStatus reconnecting = tracker.sample(7_000);
        assertThat(reconnecting.getState()).isEqualTo(CameraState.RECONNECTING);
        assertThat(reconnecting.getReason()).isEqualTo("no frame for 10 s");

        failure.set("Connection refused (no more retries)");
        CameraStatus offline = tracker.sample(8_000);
        assertThat(offline.getState()).isEqualTo(CameraState.OFFLINE);
        assertThat(offline.getReason()).isEqualTo("Connection refused (no more retries)");
    }

    @Test
    void reconnectsCountForAnHourAndLowerTheQuality() {
        stats.streaming.set(true);
        stats.declaredFps(5);
        tracker.sample(0);
        stats.reconnects.set(1);
        frames(5, 999);
        CameraStatus once = tracker.sample(1_000);
        assertThat(once.getReconnectsLastHour()).isEqualTo(1);
        assertThat(once.getQuality()).isEqualTo(ConnectionQuality.FAIR);

        stats.reconnects.set(3);
        frames(5, 1_999);
        assertThat(tracker.sample(2_000).getQuality()).isEqualTo(ConnectionQuality.POOR);

        long anHourLater = 2_000 + Duration.ofHours(1).toMillis();
        frames(5, anHourLater - 1);
        tracker.sample(anHourLater - 1_000);
        frames(5, anHourLater);
        CameraStatus later = tracker.sample(anHourLater);
        assertThat(later.getReconnectsLastHour()).isZero();
        assertThat(later.getQuality()).isEqualTo(ConnectionQuality.GOOD);
    }

    @Test
    void anEndedCameraIsOffline() {
        stats.ended.set(true);
        assertThat(tracker.sample(1_000).getState()).isEqualTo(CameraState.OFFLINE);
        assertThat(tracker.sample(1_000).getReason()).isEqualTo("ended");
    }

    @Test
    void qualityFollowsFpsAgainstTheExpected() {
        assertThat(CameraStatusTracker.quality(CameraState.ONLINE, 9, 10, 0)).isEqualTo(ConnectionQuality.GOOD);
        assertThat(CameraStatusTracker.quality(CameraState.ONLINE, 6, 10, 0)).isEqualTo(ConnectionQuality.FAIR);
        assertThat(CameraStatusTracker.quality(CameraState.ONLINE, 4, 10, 0)).isEqualTo(ConnectionQuality.POOR);
        assertThat(CameraStatusTracker.quality(CameraState.ONLINE, 4, 0, 0)).isEqualTo(ConnectionQuality.GOOD);
    }
}
