package dev.vigil.stream.tracking;

import dev.vigil.model.lifecycle.ObjectLifecycle;
import dev.vigil.model.track.ByteTracker;
import dev.vigil.model.track.DetectedBox;
import dev.vigil.model.track.TrackingResult;
import dev.vigil.model.zone.CameraScene;
import dev.vigil.model.zone.CountKey;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.model.zone.SceneEvent;
import dev.vigil.model.zone.SceneTracker;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.ObjectEvent;
import dev.vigil.schemas.ZoneCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracking stage's work on one frame of one camera, without Kafka: the camera's masks and thresholds filter the
 * detections, ByteTrack gives each kept box its track id, the scene turns the tracks' moves into zone and line
 * events, the object lifecycle into NEW / UPDATE / END events, and the zone and line events are counted in the
 * camera's open window. A frame whose detections were reused by the motion gate is tracked like a frame that was run;
 * a frame that was not run (skipped as stale, failed), and frames missing from the camera's
 * sequence (dead-lettered, dropped), advance the motion model without matching. Deterministic: the same states and
 * event give the same outcome, so a frame processed again after a crash gives what it gave the first time.
 */
final class CameraTracking {

    private final TrackingSettings settings;
    private final ByteTracker tracker;
    private final SceneTracker sceneTracker = new SceneTracker();
    private final ObjectLifecycle lifecycle;
    private final long windowMillis;
    /** Configured cameras' scenes in pixels, for the frame size they were resolved at. */
    private final Map<String, ResolvedScene> scenes = new HashMap<>();

    private record ResolvedScene(int width, int height, CameraScene scene) {}

    /**
     * What one frame gave.
     *
     * @param event   the frame's event: the kept detections, each with its track id (null where no confirmed track
     *                took it)
     * @param objects object lifecycle events, in track id order, NEWs and UPDATEs before ENDs
     * @param counts  the counts of a window this frame closed (empty when it closed none)
     * @param filtered detections removed by the camera's masks and thresholds
     */
    record Outcome(DetectionEvent event, List<ObjectEvent> objects, List<ZoneCount> counts, int filtered) {}

    CameraTracking(TrackingSettings settings) {
        this.settings = settings;
        this.tracker = new ByteTracker(settings.tracker());
        this.lifecycle = new ObjectLifecycle(settings.lifecycle());
        this.windowMillis = settings.countWindow().toMillis();
    }

    /** Whether the camera has zones or lines to count (then its frames move its count window). */
    boolean counts(String cameraId) {
        SceneConfig.CameraConfig config = settings.scene().cameras().get(cameraId);
        return config != null
                && ((config.zones() != null && !config.zones().isEmpty())
                        || (config.lines() != null && !config.lines().isEmpty()));
    }

    /**
     * Tracks one frame, updating {@code state} and {@code windows} (the camera's).
     *
     * @throws IllegalArgumentException when the camera's scene does not fit the frame's size
     */
    Outcome step(CameraState state, CountWindows windows, DetectionEvent event) {
        String camera = event.getCameraId();
        long frameMillis = event.getFrameTime().toEpochMilli();
        for (Detection d : event.getDetections()) {
            state.labels.put(d.getClassId(), d.getLabel());
        }
        ObjectEvents objects = new ObjectEvents(camera, event.getFrameSequence(), event.getIngestRunId());
        List<SceneEvent> sceneEvents = new ArrayList<>();
        CameraScene scene = scene(camera, event);

        long missing = missingFrames(state, event);
        if (missing > 0) {
            TrackingResult gap = tracker.advance(state.tracker, missing);
            follow(state, scene, frameMillis, event.getFrameSequence(), gap, sceneEvents, objects);
        }
        List<Detection> kept = new ArrayList<>();
        TrackingResult result;
        if (hasBoxes(event)) {
            List<DetectedBox> boxes = new ArrayList<>();
            for (Detection d : event.getDetections()) {
                if (scene.reports(d.getLabel(), d.getScore(), d.getX1(), d.getY1(), d.getX2(), d.getY2())) {
                    kept.add(d);
                    boxes.add(
                            new DetectedBox(d.getClassId(), d.getScore(), d.getX1(), d.getY1(), d.getX2(), d.getY2()));
                }
            }
            result = tracker.update(state.tracker, boxes);
        } else {
            kept.addAll(event.getDetections());
            result = tracker.advance(state.tracker, 1); // looked at nothing: the model moves one frame on
        }
        follow(state, scene, frameMillis, event.getFrameSequence(), result, sceneEvents, objects);
        state.ingestRunId = event.getIngestRunId();
        state.lastFrameSequence = event.getFrameSequence();

        List<ZoneCount> closed = List.of();
        if (counts(camera)) {
            closed = windows.moveTo(frameMillis, windowMillis);
            for (SceneEvent sceneEvent : sceneEvents) {
                windows.add(CountKey.of(camera, sceneEvent));
            }
        }
        List<Detection> tracked = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Detection d = kept.get(i);
            Long trackId = hasBoxes(event) ? result.trackIdOf(i) : null;
            tracked.add(new Detection(
                    d.getClassId(), d.getLabel(), d.getScore(), d.getX1(), d.getY1(), d.getX2(), d.getY2(), trackId));
        }
        DetectionEvent out =
                DetectionEvent.newBuilder(event).setDetections(tracked).build();
        return new Outcome(out, objects.events(), closed, event.getDetections().size() - kept.size());
    }

    /**
     * Whether the event's detections describe its frame: the detector ran on it (OK), or the motion gate saw nothing
     * move since the frame whose detections it carries (REUSED_NO_MOTION): the tracker matches them like any others,
     * so still objects keep their tracks.
     */
    private static boolean hasBoxes(DetectionEvent event) {
        return event.getStatus() == DetectionStatus.OK || event.getStatus() == DetectionStatus.REUSED_NO_MOTION;
    }

    /** The scene and the object lifecycle follow one tracking step. */
    private void follow(
            CameraState state,
            CameraScene scene,
            long frameMillis,
            long frameSequence,
            TrackingResult result,
            List<SceneEvent> sceneEvents,
            ObjectEvents objects) {
        List<SceneEvent> happened =
                sceneTracker.update(scene, state.scene, frameMillis, result.tracked(), result.ended(), state::label);
        sceneEvents.addAll(happened);
        objects.addAll(lifecycle.update(state.lifecycle, frameSequence, frameMillis, result, happened, state::label));
    }

    /**
     * Frames of the camera's current ingest run missing between the last frame seen and this one, bounded by the
     * tracker's buffer (beyond it, more frames change nothing). Sequences of different runs are not comparable, and a
     * frame that is not after the last one is not a gap.
     */
    private long missingFrames(CameraState state, DetectionEvent event) {
        long last = state.lastFrameSequence;
        long sequence = event.getFrameSequence();
        if (last == CameraState.NO_FRAME || !state.ingestRunId.equals(event.getIngestRunId()) || sequence <= last) {
            return 0;
        }
        long bound = settings.tracker().maxTimeLost() + 1L;
        long missing = sequence - last - 1;
        return missing < 0 ? bound : Math.min(missing, bound); // negative: the difference overflowed
    }

    /**
     * The camera's scene in pixels of this frame. Frames that were not run carry the size their producer claimed;
     * they match no box, so the scene last resolved serves them.
     */
    private CameraScene scene(String camera, DetectionEvent event) {
        if (!settings.scene().cameras().containsKey(camera)) {
            return CameraScene.EMPTY;
        }
        ResolvedScene known = scenes.get(camera);
        int width = event.getImageWidth();
        int height = event.getImageHeight();
        if (!hasBoxes(event) || (known != null && known.width == width && known.height == height)) {
            return known != null ? known.scene : CameraScene.EMPTY;
        }
        ResolvedScene resolved =
                new ResolvedScene(width, height, settings.scene().resolve(camera, width, height));
        scenes.put(camera, resolved);
        return resolved.scene;
    }
}
