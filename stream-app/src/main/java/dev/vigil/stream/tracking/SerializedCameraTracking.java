package dev.vigil.stream.tracking;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.stream.kafka.InternalAvroSerde;
import dev.vigil.stream.tracking.internal.CameraCounts;
import dev.vigil.stream.tracking.internal.TrackingState;

/**
 * The tracking stage's work on one camera's frames outside Kafka, with the camera's state kept as bytes between frames
 * as {@link TrackingStep}'s stores keep it: each frame reads and decodes the state, tracks, and encodes the state
 * again. For benchmarks ({@code vigil bench tracking-stage}).
 */
public final class SerializedCameraTracking {

    private final String cameraId;
    private final CameraTracking tracking;
    private final InternalAvroSerde<TrackingState> stateSerde = TrackingTopology.stateSerde();
    private final InternalAvroSerde<CameraCounts> countsSerde = TrackingTopology.countsSerde();
    private byte[] state;
    private byte[] counts;

    /**
     * What one frame gave.
     *
     * @param trackedBoxes the boxes of the event with a track id
     * @param objectEvents object lifecycle events
     * @param countRecords count records of a window the frame closed
     * @param stateBytes the size of the camera's state after the frame, as stored
     */
    public record FrameOutcome(int trackedBoxes, int objectEvents, int countRecords, int stateBytes) {}

    public SerializedCameraTracking(TrackingSettings settings, String cameraId) {
        this.cameraId = cameraId;
        this.tracking = new CameraTracking(settings);
    }

    /** Tracks one frame of the camera (events of other cameras are refused). */
    public FrameOutcome step(DetectionEvent event) {
        if (!event.getCameraId().equals(cameraId)) {
            throw new IllegalArgumentException(
                    "an event of camera " + event.getCameraId() + " given to the stage of camera " + cameraId);
        }
        CameraState camera = state == null
                ? CameraState.initial(event.getFrameTime().toEpochMilli())
                : CameraState.of(stateSerde.deserializer().deserialize(TrackingTopology.STATE_STORE, state));
        CountWindows windows = CountWindows.of(
                cameraId,
                counts == null ? null : countsSerde.deserializer().deserialize(TrackingTopology.COUNTS_STORE, counts));
        CameraTracking.Outcome outcome = tracking.step(camera, windows, event);
        state = stateSerde.serializer().serialize(TrackingTopology.STATE_STORE, camera.toRecord());
        if (windows.changed()) {
            counts = countsSerde.serializer().serialize(TrackingTopology.COUNTS_STORE, windows.toRecord());
        }
        int tracked = (int) outcome.event().getDetections().stream()
                .filter(d -> d.getTrackId() != null)
                .count();
        return new FrameOutcome(
                tracked, outcome.objects().size(), outcome.counts().size(), state.length);
    }
}
