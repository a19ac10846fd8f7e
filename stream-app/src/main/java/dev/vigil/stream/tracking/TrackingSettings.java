package dev.vigil.stream.tracking;

import dev.vigil.model.lifecycle.LifecycleSettings;
import dev.vigil.model.track.TrackerSettings;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.kafka.Topics;
import java.time.Duration;
import java.util.Map;

/**
 * The tracking stage of the detect topology: whether it runs, where its events go, and how it tracks and counts.
 *
 * @param enabled     false: detections go out as the detector made them (no track ids, no objects, no counts)
 * @param objectsTopic where object lifecycle events go (Avro {@code ObjectEvent})
 * @param countsTopic where the closed windows' counts go (Avro {@code ZoneCount})
 * @param scene       zones, lines, masks and thresholds per camera (an empty config: track only)
 * @param tracker     ByteTrack's parameters
 * @param lifecycle   when an object is stationary, when a view is better
 * @param countWindow the length of the tumbling count windows, in frame (capture) time
 */
public record TrackingSettings(
        boolean enabled,
        String objectsTopic,
        String countsTopic,
        SceneConfig scene,
        TrackerSettings tracker,
        LifecycleSettings lifecycle,
        Duration countWindow) {

    /** ByteTrack's buffer at 30 frames/s: a lost track waits 30 frames to be found again. */
    public static final int DEFAULT_TRACK_BUFFER = TrackerSettings.TRACK_BUFFER;

    public static final Duration DEFAULT_COUNT_WINDOW = Duration.ofMinutes(1);

    public TrackingSettings {
        if (countWindow.isNegative() || countWindow.isZero()) {
            throw new IllegalArgumentException("the count window must be positive, got " + countWindow);
        }
    }

    /** On, the standard topics, no zones, ByteTrack's defaults, one-minute windows. */
    public static TrackingSettings defaults() {
        return new TrackingSettings(
                true,
                Topics.OBJECTS,
                Topics.COUNTS,
                new SceneConfig(Map.of()),
                TrackerSettings.byteTrack(30),
                LifecycleSettings.DEFAULTS,
                DEFAULT_COUNT_WINDOW);
    }

    /** No tracking stage: the topology of detection alone. */
    public static TrackingSettings off() {
        return defaults().withEnabled(false);
    }

    public TrackingSettings withEnabled(boolean on) {
        return new TrackingSettings(on, objectsTopic, countsTopic, scene, tracker, lifecycle, countWindow);
    }

    public TrackingSettings withScene(SceneConfig other) {
        return new TrackingSettings(enabled, objectsTopic, countsTopic, other, tracker, lifecycle, countWindow);
    }

    public TrackingSettings withTracker(TrackerSettings other) {
        return new TrackingSettings(enabled, objectsTopic, countsTopic, scene, other, lifecycle, countWindow);
    }

    public TrackingSettings withCountWindow(Duration other) {
        return new TrackingSettings(enabled, objectsTopic, countsTopic, scene, tracker, lifecycle, other);
    }

    public TrackingSettings withTopics(String objects, String counts) {
        return new TrackingSettings(enabled, objects, counts, scene, tracker, lifecycle, countWindow);
    }
}
