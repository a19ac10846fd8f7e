package dev.vigil.stream.tracking;

import dev.vigil.model.lifecycle.ObjectEvent.Reason;
import dev.vigil.schemas.ObjectBox;
import dev.vigil.schemas.ObjectEvent;
import dev.vigil.schemas.ObjectEventType;
import dev.vigil.schemas.ObjectUpdateReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The object lifecycle events of one frame of one camera, as the Avro records of the objects topic. */
final class ObjectEvents {

    private final String cameraId;
    private final long frameSequence;
    private final String ingestRunId;
    private final List<ObjectEvent> events = new ArrayList<>();

    ObjectEvents(String cameraId, long frameSequence, String ingestRunId) {
        this.cameraId = cameraId;
        this.frameSequence = frameSequence;
        this.ingestRunId = ingestRunId;
    }

    void addAll(List<dev.vigil.model.lifecycle.ObjectEvent> lifecycleEvents) {
        lifecycleEvents.forEach(e -> events.add(toAvro(e)));
    }

    List<ObjectEvent> events() {
        return List.copyOf(events);
    }

    /**
     * The event id names camera, ingest run, frame, track and type: one frame gives a track at most one event of a
     * type, and the same frame always gives the same id.
     */
    static String eventId(String cameraId, String ingestRunId, long frameSequence, long trackId, ObjectEventType type) {
        String name = cameraId + "/" + ingestRunId + "/" + frameSequence + "/" + trackId + "/" + type;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private ObjectEvent toAvro(dev.vigil.model.lifecycle.ObjectEvent e) {
        ObjectEventType type = ObjectEventType.valueOf(e.type().name());
        List<ObjectUpdateReason> reasons = new ArrayList<>();
        for (Reason reason : Reason.values()) { // in the enum's order, so the same event always reads the same
            if (e.reasons().contains(reason)) {
                reasons.add(ObjectUpdateReason.valueOf(reason.name()));
            }
        }
        return ObjectEvent.newBuilder()
                .setEventId(eventId(cameraId, ingestRunId, frameSequence, e.trackId(), type))
                .setType(type)
                .setReasons(reasons)
                .setCameraId(cameraId)
                .setTrackId(e.trackId())
                .setClassId(e.classId())
                .setLabel(e.label())
                .setFrameSequence(e.frameSequence())
                .setIngestRunId(ingestRunId)
                .setFirstSeen(Instant.ofEpochMilli(e.firstSeenMillis()))
                .setLastSeen(Instant.ofEpochMilli(e.lastSeenMillis()))
                .setTopScore(e.topScore())
                .setBestFrameSequence(e.bestFrameSequence())
                .setBestBox(box(e.bestBox()))
                .setBox(box(e.box()))
                .setZones(e.zones())
                .setStationary(e.stationary())
                .setPathLength(e.pathLength())
                .build();
    }

    private static ObjectBox box(float[] corners) {
        return new ObjectBox(corners[0], corners[1], corners[2], corners[3]);
    }
}
