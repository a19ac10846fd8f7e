package dev.vigil.stream.ingest;

import dev.vigil.schemas.CameraState;
import dev.vigil.schemas.CameraStatus;
import dev.vigil.schemas.ConnectionQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Turns one camera's counters into its status, sample by sample: ONLINE while frames arrive, STALLED when the open
 * stream delivered no frame for the stall time, RECONNECTING while the stream is being opened (again), OFFLINE once
 * the reader ended or gave up; the fps decoded since the previous sample against the fps the source declares, and
 * the reconnects of the last hour, which give the connection quality. Not thread-safe: one sampler calls it.
 */
final class CameraStatusTracker {

    static final Duration QUALITY_WINDOW = Duration.ofHours(1);

    private final String camera;
    private final CameraStats stats;
    private final Supplier<java.util.Optional<String>> failure;
    private final double targetFps;
    private final Duration stallAfter;
    private final String host;
    private final ArrayDeque<Long> reconnectTimes = new ArrayDeque<>();
    private long lastDecoded;
    private long lastReconnects;
    private long lastSampleMillis = -1;

    /**
     * @param failure    why the reader gave up, once it has
     * @param stallAfter an open stream with no frame for this long is STALLED
     */
    CameraStatusTracker(
            String camera,
            CameraStats stats,
            Supplier<java.util.Optional<String>> failure,
            double targetFps,
            Duration stallAfter,
            String host) {
        this.camera = camera;
        this.stats = stats;
        this.failure = failure;
        this.targetFps = targetFps;
        this.stallAfter = stallAfter;
        this.host = host;
    }

    static CameraStatusTracker of(CameraReader reader, Duration stallAfter, String host) {
        return new CameraStatusTracker(
                reader.camera().name(),
                reader.stats(),
                reader::failure,
                reader.camera().targetFps(),
                stallAfter,
                host);
    }

    String camera() {
        return camera;
    }

    /** The status now; the fps is measured since the previous sample. */
    CameraStatus sample(long nowMillis) {
        long decoded = stats.framesDecoded();
        long reconnects = stats.reconnects();
        double fps = lastSampleMillis < 0 || nowMillis <= lastSampleMillis
                ? 0
                : (decoded - lastDecoded) * 1000.0 / (nowMillis - lastSampleMillis);
        for (long i = lastReconnects; i < reconnects; i++) {
            reconnectTimes.addLast(nowMillis);
        }
        while (!reconnectTimes.isEmpty() && reconnectTimes.peekFirst() <= nowMillis - QUALITY_WINDOW.toMillis()) {
            reconnectTimes.removeFirst();
        }
        lastDecoded = decoded;
        lastReconnects = reconnects;
        lastSampleMillis = nowMillis;

        long age = stats.lastFrameAgeMillis(nowMillis);
        CameraState state;
        String reason;
        if (failure.get().isPresent()) {
            state = CameraState.OFFLINE;
            reason = failure.get().get();
        } else if (stats.ended()) {
            state = CameraState.OFFLINE;
            reason = "ended";
        } else if (!stats.streaming()) {
            state = CameraState.RECONNECTING;
            reason = stats.lastError().isEmpty() ? "connecting" : stats.lastError();
        } else if (age < 0 || age > stallAfter.toMillis()) {
            state = CameraState.STALLED;
            reason = age < 0
                    ? "no frame yet"
                    : "no frame for " + Duration.ofMillis(age).toSeconds() + " s";
        } else {
            state = CameraState.ONLINE;
            reason = "";
        }
        double expected = stats.declaredFps();
        return CameraStatus.newBuilder()
                .setCameraId(camera)
                .setState(state)
                .setReason(reason)
                .setLastFrameTime(age < 0 ? null : Instant.ofEpochMilli(nowMillis - age))
                .setFps(fps)
                .setExpectedFps(expected)
                .setTargetFps(targetFps)
                .setReconnectsLastHour(reconnectTimes.size())
                .setQuality(quality(state, fps, expected, reconnectTimes.size()))
                .setUpdatedTime(Instant.ofEpochMilli(nowMillis))
                .setIngestHost(host)
                .build();
    }

    /** As the schema says: GOOD, FAIR or POOR from the state, fps against the expected and reconnects. */
    static ConnectionQuality quality(CameraState state, double fps, double expectedFps, int reconnectsLastHour) {
        if (state != CameraState.ONLINE) {
            return ConnectionQuality.POOR;
        }
        double ratio = expectedFps > 0 ? fps / expectedFps : 1;
        if (reconnectsLastHour == 0 && ratio >= 0.9) {
            return ConnectionQuality.GOOD;
        }
        if (reconnectsLastHour <= 2 && ratio >= 0.5) {
            return ConnectionQuality.FAIR;
        }
        return ConnectionQuality.POOR;
    }
}
