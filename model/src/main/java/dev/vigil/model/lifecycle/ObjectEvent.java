package dev.vigil.model.lifecycle;

import java.util.List;
import java.util.Set;

/**
 * One event in an object's life (the Avro {@code ObjectEvent} of the {@code objects} topic carries the same).
 *
 * @param reasons why an UPDATE was sent; empty for NEW and END
 * @param frameSequence the frame that caused the event
 * @param box the box in the last frame it was seen (x1, y1, x2, y2)
 * @param bestBox the box of its best view
 * @param zones the zones it is in, sorted (at END: was in when last seen)
 * @param pathLength how far its bottom centre went, in pixels
 */
public record ObjectEvent(
        Type type,
        Set<Reason> reasons,
        long trackId,
        int classId,
        String label,
        long frameSequence,
        long firstSeenMillis,
        long lastSeenMillis,
        float topScore,
        long bestFrameSequence,
        float[] bestBox,
        float[] box,
        List<String> zones,
        boolean stationary,
        double pathLength) {

    /** NEW when confirmed, UPDATE when something changed, END when lost for good. */
    public enum Type {
        NEW,
        UPDATE,
        END
    }

    /** What changed, for an UPDATE. */
    public enum Reason {
        ZONE_ENTERED,
        ZONE_LEFT,
        STATIONARY,
        MOVING,
        BETTER_SNAPSHOT
    }

    public ObjectEvent {
        reasons = Set.copyOf(reasons);
        zones = List.copyOf(zones);
        bestBox = bestBox.clone();
        box = box.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectEvent e
                && type == e.type
                && reasons.equals(e.reasons)
                && trackId == e.trackId
                && classId == e.classId
                && label.equals(e.label)
                && frameSequence == e.frameSequence
                && firstSeenMillis == e.firstSeenMillis
                && lastSeenMillis == e.lastSeenMillis
                && Float.compare(topScore, e.topScore) == 0
                && bestFrameSequence == e.bestFrameSequence
                && java.util.Arrays.equals(bestBox, e.bestBox)
                && java.util.Arrays.equals(box, e.box)
                && zones.equals(e.zones)
                && stationary == e.stationary
                && Double.compare(pathLength, e.pathLength) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, trackId, frameSequence);
    }

    @Override
    public String toString() {
        return type + reasons.toString() + " track " + trackId + " (" + label + ") at frame " + frameSequence
                + ", zones " + zones + (stationary ? ", stationary" : "") + ", top score " + topScore;
    }
}
