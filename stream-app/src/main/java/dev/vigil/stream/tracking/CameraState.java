package dev.vigil.stream.tracking;

import dev.vigil.model.lifecycle.LifecycleState;
import dev.vigil.model.lifecycle.LifecycleStateCodec;
import dev.vigil.model.track.TrackerState;
import dev.vigil.model.track.TrackerStateCodec;
import dev.vigil.model.zone.SceneState;
import dev.vigil.model.zone.SceneStateCodec;
import dev.vigil.stream.tracking.internal.ClassLabel;
import dev.vigil.stream.tracking.internal.TrackingState;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the tracking stage knows about one camera, decoded: where its frames got to, its class names, and the states of
 * the tracker, the scene and the object lifecycle. {@link #toRecord()} and {@link #of(TrackingState)} convert it to
 * and from the record kept in the state store. Mutable; not thread-safe.
 */
final class CameraState {

    /** No frame seen yet. */
    static final long NO_FRAME = Long.MIN_VALUE;

    String ingestRunId;
    long lastFrameSequence;
    final TreeMap<Integer, String> labels;
    final TrackerState tracker;
    final SceneState scene;
    final LifecycleState lifecycle;

    private CameraState(
            String ingestRunId,
            long lastFrameSequence,
            Map<Integer, String> labels,
            TrackerState tracker,
            SceneState scene,
            LifecycleState lifecycle) {
        this.ingestRunId = ingestRunId;
        this.lastFrameSequence = lastFrameSequence;
        this.labels = new TreeMap<>(labels);
        this.tracker = tracker;
        this.scene = scene;
        this.lifecycle = lifecycle;
    }

    /**
     * The latest first-frame time that sets a camera's first track id: ids stay below 2^53 (with room for 10^14 more),
     * the largest integer a JSON reader in JavaScript holds exactly.
     */
    static final long LAST_FIRST_FRAME_MILLIS =
            Instant.parse("2250-01-01T00:00:00Z").toEpochMilli();

    /**
     * A camera seen for the first time, at its frame captured at {@code firstFrameMillis}: no frame, no class names,
     * no tracks; its first track id is {@link #firstTrackId(long)}.
     */
    static CameraState initial(long firstFrameMillis) {
        return new CameraState(
                "",
                NO_FRAME,
                Map.of(),
                TrackerState.startingAt(firstTrackId(firstFrameMillis)),
                SceneState.initial(),
                LifecycleState.initial());
    }

    /**
     * The first track id of a camera whose state starts at a frame captured at {@code firstFrameMillis}: that time in
     * ms times 1,000, plus 1. A state wiped (a new application id, a deleted state and changelog) starts again at a
     * later frame, so its ids start above every id issued before, unless the camera made more than 1,000 tracks a
     * millisecond. The capture time rather than the clock keeps the stage deterministic under exactly-once: a frame
     * processed again after a crash starts the same ids, and the same frames processed again from the start give the
     * same object events with the same event ids. A time before 1970 or after {@link #LAST_FIRST_FRAME_MILLIS} (a
     * camera's clock is untrusted) is clamped.
     */
    static long firstTrackId(long firstFrameMillis) {
        return Math.max(0, Math.min(firstFrameMillis, LAST_FIRST_FRAME_MILLIS)) * 1000 + 1;
    }

    /**
     * @throws IllegalArgumentException naming the part when the record's bytes are not a state of this version
     */
    static CameraState of(TrackingState record) {
        Map<Integer, String> labels = new TreeMap<>();
        for (ClassLabel label : record.getLabels()) {
            labels.put(label.getClassId(), label.getLabel());
        }
        return new CameraState(
                record.getIngestRunId(),
                record.getLastFrameSequence(),
                labels,
                TrackerStateCodec.decode(bytes(record.getTracker())),
                SceneStateCodec.decode(bytes(record.getScene())),
                LifecycleStateCodec.decode(bytes(record.getLifecycle())));
    }

    TrackingState toRecord() {
        List<ClassLabel> classLabels = new ArrayList<>(labels.size());
        labels.forEach((id, label) -> classLabels.add(new ClassLabel(id, label)));
        return TrackingState.newBuilder()
                .setIngestRunId(ingestRunId)
                .setLastFrameSequence(lastFrameSequence)
                .setLabels(classLabels)
                .setTracker(ByteBuffer.wrap(TrackerStateCodec.encode(tracker)))
                .setScene(ByteBuffer.wrap(SceneStateCodec.encode(scene)))
                .setLifecycle(ByteBuffer.wrap(LifecycleStateCodec.encode(lifecycle)))
                .build();
    }

    /** The class name of {@code classId} as the camera's events gave it. */
    String label(int classId) {
        String label = labels.get(classId);
        return label != null ? label : "class " + classId;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
