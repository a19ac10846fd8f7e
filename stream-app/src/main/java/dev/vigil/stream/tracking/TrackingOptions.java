package dev.vigil.stream.tracking;

import dev.vigil.model.track.TrackerSettings;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.config.DurationConverter;
import dev.vigil.stream.kafka.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The tracking stage's options of {@code vigil detect} (a picocli mixin). */
public final class TrackingOptions {

    private static final TrackerSettings BYTE_TRACK =
            TrackingSettings.defaults().tracker();

    @Option(
            names = "--tracking",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            arity = "0..1",
            description = "Track objects after detection: track ids on the detections, object events on the objects "
                    + "topic, zone and line counts on the counts topic. --no-tracking (or --tracking=false) turns "
                    + "it off. Default: on.")
    boolean tracking = true;

    @Option(
            names = "--scene",
            paramLabel = "FILE",
            split = ",",
            description = "Zones, lines, masks and minimum score and area per camera (YAML, see the README); "
                    + "repeatable or comma-separated, a camera in one file only. Default: none (tracking without "
                    + "zones).")
    List<Path> sceneFiles = new ArrayList<>();

    @Option(
            names = "--objects-topic",
            defaultValue = Topics.OBJECTS,
            description = "Object lifecycle events (Avro ObjectEvent). Default: ${DEFAULT-VALUE}.")
    String objectsTopic;

    @Option(
            names = "--counts-topic",
            defaultValue = Topics.COUNTS,
            description = "Counts of closed windows (Avro ZoneCount). Default: ${DEFAULT-VALUE}.")
    String countsTopic;

    @Option(
            names = "--count-window",
            defaultValue = "1m",
            converter = DurationConverter.class,
            description = "Length of the tumbling count windows, in frame time. Default: ${DEFAULT-VALUE}.")
    Duration countWindow;

    @Option(
            names = "--track-buffer",
            paramLabel = "FRAMES",
            defaultValue = "" + TrackingSettings.DEFAULT_TRACK_BUFFER,
            description = "Frames a lost track waits to be found again before it ends (ByteTrack's track_buffer). "
                    + "Default: ${DEFAULT-VALUE}.")
    int trackBuffer;

    @Option(
            names = "--track-high-score",
            paramLabel = "SCORE",
            description = "Detections scoring at least this take part in the first association (ByteTrack's "
                    + "track_thresh). Default: 0.5.")
    Float highScore;

    @Option(
            names = "--track-low-score",
            paramLabel = "SCORE",
            description = "Detections scoring above this and below the high score take part in the second "
                    + "association. Default: 0.1.")
    Float lowScore;

    @Option(
            names = "--track-new-score",
            paramLabel = "SCORE",
            description = "An unmatched detection starts a track only from this score (ByteTrack's det_thresh). "
                    + "Default: 0.6.")
    Float newTrackScore;

    /**
     * The settings these options give, the scene files read and checked.
     *
     * @throws IllegalArgumentException naming the file and the entry when a scene file is not valid, or the option
     *     when a value is out of range
     */
    public TrackingSettings settings() {
        TrackerSettings tracker = BYTE_TRACK
                .withMaxTimeLost(trackBuffer)
                .withScores(
                        highScore != null ? highScore : BYTE_TRACK.highScore(),
                        lowScore != null ? lowScore : BYTE_TRACK.lowScore(),
                        newTrackScore != null ? newTrackScore : BYTE_TRACK.newTrackScore());
        return TrackingSettings.defaults()
                .withEnabled(tracking)
                .withTopics(objectsTopic, countsTopic)
                .withTracker(tracker)
                .withCountWindow(countWindow)
                .withScene(scene());
    }

    private SceneConfig scene() {
        Map<String, SceneConfig.CameraConfig> cameras = new HashMap<>();
        Map<String, Path> from = new HashMap<>();
        for (Path file : sceneFiles) {
            SceneConfig config;
            try {
                config = SceneConfig.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            for (Map.Entry<String, SceneConfig.CameraConfig> camera :
                    config.cameras().entrySet()) {
                Path earlier = from.putIfAbsent(camera.getKey(), file);
                if (earlier != null) {
                    throw new IllegalArgumentException(
                            "camera " + camera.getKey() + " is in two scene files: " + earlier + " and " + file);
                }
                cameras.put(camera.getKey(), camera.getValue());
            }
        }
        return new SceneConfig(cameras);
    }
}
