package dev.vigil.model.lifecycle;

import dev.vigil.model.lifecycle.LifecycleState.Record;
import dev.vigil.model.lifecycle.ObjectEvent.Reason;
import dev.vigil.model.lifecycle.ObjectEvent.Type;
import dev.vigil.model.track.TrackedObject;
import dev.vigil.model.track.TrackingResult;
import dev.vigil.model.zone.SceneEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Object lifecycle events from one frame's tracking result and zone events: NEW for each track confirmed, UPDATE for
 * an object that entered or left a zone, became stationary or moved again, or was seen with a clearly better score
 * (a better snapshot), END for each track removed. Stateless itself; deterministic; events in track id order, NEWs
 * and UPDATEs before ENDs.
 */
public final class ObjectLifecycle {

    private final LifecycleSettings settings;

    public ObjectLifecycle(LifecycleSettings settings) {
        this.settings = settings;
    }

    /**
     * @param frameSequence the frame's sequence number (the best view is named by it)
     * @param sceneEvents the frame's zone and line events ({@code SceneTracker})
     */
    public List<ObjectEvent> update(
            LifecycleState state,
            long frameSequence,
            long frameMillis,
            TrackingResult tracking,
            List<SceneEvent> sceneEvents,
            IntFunction<String> labels) {
        Map<Long, Set<Reason>> reasons = new TreeMap<>();
        Set<Long> started = new java.util.HashSet<>();
        for (TrackedObject object : tracking.started()) {
            Record record = new Record();
            record.trackId = object.trackId();
            record.classId = object.classId();
            record.label = labels.apply(object.classId());
            record.firstSeenMillis = frameMillis;
            record.lastSeenMillis = frameMillis;
            record.box = box(object);
            record.topScore = object.score();
            record.announcedScore = object.score();
            record.bestFrameSequence = frameSequence;
            record.bestBox = box(object);
            record.restBox = box(object);
            record.restSinceMillis = frameMillis;
            state.objects.put(object.trackId(), record);
            started.add(object.trackId());
        }
        for (TrackedObject object : tracking.tracked()) {
            Record record = state.objects.get(object.trackId());
            if (record == null) {
                continue; // confirmed before this state existed: nothing announced, nothing to update
            }
            Set<Reason> changed = reasons.computeIfAbsent(object.trackId(), id -> EnumSet.noneOf(Reason.class));
            see(record, object, frameSequence, frameMillis, changed);
        }
        for (SceneEvent event : sceneEvents) {
            Record record = state.objects.get(event.trackId());
            if (record == null) {
                continue;
            }
            Set<Reason> changed = reasons.computeIfAbsent(event.trackId(), id -> EnumSet.noneOf(Reason.class));
            switch (event.kind()) {
                case ZONE_ENTER -> {
                    record.zones.add(event.name());
                    changed.add(Reason.ZONE_ENTERED);
                }
                case ZONE_EXIT -> {
                    if (tracking.ended().stream().noneMatch(e -> e.trackId() == event.trackId())) {
                        record.zones.remove(event.name());
                        changed.add(Reason.ZONE_LEFT);
                    }
                }
                default -> {
                    // loitering and line crossings are counted, not object state
                }
            }
        }
        List<ObjectEvent> events = new ArrayList<>();
        for (Map.Entry<Long, Set<Reason>> entry : reasons.entrySet()) {
            Record record = state.objects.get(entry.getKey());
            if (started.contains(entry.getKey())) {
                events.add(event(record, Type.NEW, Set.of(), frameSequence));
            } else if (!entry.getValue().isEmpty()) {
                events.add(event(record, Type.UPDATE, entry.getValue(), frameSequence));
            }
        }
        for (TrackedObject ended : tracking.ended()) {
            Record record = state.objects.remove(ended.trackId());
            if (record != null) {
                events.add(event(record, Type.END, Set.of(), frameSequence));
            }
        }
        return events;
    }

    private void see(Record record, TrackedObject object, long frameSequence, long frameMillis, Set<Reason> changed) {
        float[] box = box(object);
        // the bottom centre's step since the last frame seen
        record.pathLength += Math.hypot(
                (box[0] + box[2]) / 2.0 - (record.box[0] + record.box[2]) / 2.0, (double) box[3] - record.box[3]);
        record.box = box;
        record.lastSeenMillis = frameMillis;
        if (object.score() > record.topScore) {
            record.topScore = object.score();
            record.bestFrameSequence = frameSequence;
            record.bestBox = box;
            if (record.topScore >= record.announcedScore + settings.snapshotImprovement()) {
                record.announcedScore = record.topScore;
                changed.add(Reason.BETTER_SNAPSHOT);
            }
        }
        if (iou(box, record.restBox) >= settings.stationaryIou()) {
            if (!record.stationary && frameMillis - record.restSinceMillis >= settings.stationaryMillis()) {
                record.stationary = true;
                changed.add(Reason.STATIONARY);
            }
        } else {
            record.restBox = box;
            record.restSinceMillis = frameMillis;
            if (record.stationary) {
                record.stationary = false;
                changed.add(Reason.MOVING);
            }
        }
    }

    private static ObjectEvent event(Record r, Type type, Set<Reason> reasons, long frameSequence) {
        return new ObjectEvent(
                type,
                reasons,
                r.trackId,
                r.classId,
                r.label,
                frameSequence,
                r.firstSeenMillis,
                r.lastSeenMillis,
                r.topScore,
                r.bestFrameSequence,
                r.bestBox,
                r.box,
                List.copyOf(r.zones),
                r.stationary,
                r.pathLength);
    }

    private static float[] box(TrackedObject o) {
        return new float[] {o.x1(), o.y1(), o.x2(), o.y2()};
    }

    private static double iou(float[] a, float[] b) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (!(w > 0 && h > 0)) {
            return 0;
        }
        double intersection = w * h;
        return intersection
                / ((double) (a[2] - a[0]) * (a[3] - a[1]) + (double) (b[2] - b[0]) * (b[3] - b[1]) - intersection);
    }
}
