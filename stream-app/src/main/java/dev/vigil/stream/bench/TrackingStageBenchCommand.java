package dev.vigil.stream.bench;

import dev.vigil.model.cli.BenchTrackerCommand;
import dev.vigil.model.cli.MovingBoxes;
import dev.vigil.model.cli.MovingBoxesOptions;
import dev.vigil.model.track.DetectedBox;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Timings;
import dev.vigil.stream.tracking.SerializedCameraTracking;
import dev.vigil.stream.tracking.TrackingSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vigil bench tracking-stage}: the detect topology's tracking stage per frame, without Kafka: the camera's state
 * read from bytes and decoded, ByteTrack, two zones and two lines, object events, count windows, the state encoded
 * again; on the moving boxes of {@code bench tracker}, so the two compare.
 */
@Command(
        name = "tracking-stage",
        mixinStandardHelpOptions = true,
        description = "Benchmark the tracking stage of detect per frame (state decode, ByteTrack, zones and lines, "
                + "object events, counts, state encode) on moving boxes.")
public final class TrackingStageBenchCommand implements Callable<Integer> {

    private static final String CAMERA = "bench";
    private static final String[] LABELS = {"background", "person", "car"};

    @Mixin
    MovingBoxesOptions options;

    @Override
    public Integer call() {
        MovingBoxes scene = options.scene();
        int frames = options.frames();
        int warmup = options.warmup();
        SerializedCameraTracking stage =
                new SerializedCameraTracking(TrackingSettings.defaults().withScene(scene()), CAMERA);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        long[] nanos = new long[frames];
        long boxes = 0;
        long tracked = 0;
        long objectEvents = 0;
        long countRecords = 0;
        long stateBytes = 0;
        for (int frame = 0; frame < warmup + frames; frame++) {
            DetectionEvent event = event(frame, t0.plusMillis(100L * frame), scene.nextFrame());
            long start = System.nanoTime();
            SerializedCameraTracking.FrameOutcome outcome = stage.step(event);
            long took = System.nanoTime() - start;
            if (frame >= warmup) {
                nanos[frame - warmup] = took;
                boxes += event.getDetections().size();
                tracked += outcome.trackedBoxes();
                objectEvents += outcome.objectEvents();
                countRecords += outcome.countRecords();
                stateBytes += outcome.stateBytes();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "tracking stage: %d objects, %d frames timed at 10 frames/s (%.1f detections/frame, %.1f with a track "
                        + "id), %d object events, %d count records (1-minute windows)%n",
                options.objects(),
                frames,
                (double) boxes / frames,
                (double) tracked / frames,
                objectEvents,
                countRecords);
        System.out.printf(Locale.ROOT, "%-28s %9s %9s %9s %9s%n", "per frame", "mean ms", "p50 ms", "p99 ms", "max ms");
        BenchTrackerCommand.row("whole stage", nanos);
        System.out.printf(Locale.ROOT, "state size: %.0f bytes/frame on average%n", (double) stateBytes / frames);
        return 0;
    }

    /** Two zones (the left and right thirds of the lower half) and two lines (across the middle, both ways). */
    private static SceneConfig scene() {
        SceneConfig.ZoneConfig left = new SceneConfig.ZoneConfig("left", square(0, 0.5, 0.33, 1.0), null, null, 30.0);
        SceneConfig.ZoneConfig right =
                new SceneConfig.ZoneConfig("right", square(0.67, 0.5, 1.0, 1.0), null, null, null);
        SceneConfig.LineConfig across =
                new SceneConfig.LineConfig("across", List.of(0.0, 0.5), List.of(1.0, 0.5), null, null, null);
        SceneConfig.LineConfig down =
                new SceneConfig.LineConfig("down", List.of(0.5, 0.0), List.of(0.5, 1.0), null, null, null);
        return new SceneConfig(Map.of(
                CAMERA,
                new SceneConfig.CameraConfig(
                        SceneConfig.Units.FRACTION, null, null, null, List.of(left, right), List.of(across, down))));
    }

    private static List<List<Double>> square(double x1, double y1, double x2, double y2) {
        return List.of(List.of(x1, y1), List.of(x2, y1), List.of(x2, y2), List.of(x1, y2));
    }

    private static DetectionEvent event(long sequence, Instant time, List<DetectedBox> boxes) {
        List<Detection> detections = new ArrayList<>(boxes.size());
        for (DetectedBox b : boxes) {
            detections.add(
                    new Detection(b.classId(), LABELS[b.classId()], b.score(), b.x1(), b.y1(), b.x2(), b.y2(), null));
        }
        return DetectionEvent.newBuilder()
                .setEventId(CAMERA + "-" + sequence)
                .setCameraId(CAMERA)
                .setFrameSequence(sequence)
                .setFrameTime(time)
                .setDetectionTime(time)
                .setImageWidth(MovingBoxes.WIDTH)
                .setImageHeight(MovingBoxes.HEIGHT)
                .setModelName("bench")
                .setModelVersion("1")
                .setStatus(DetectionStatus.OK)
                .setTimings(new Timings(0.0, 0.0, 1))
                .setDetections(detections)
                .build();
    }
}
