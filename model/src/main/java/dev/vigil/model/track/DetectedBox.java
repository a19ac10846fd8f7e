package dev.vigil.model.track;

/**
 * One detection given to the tracker, corners in image pixels.
 *
 * @param classId the detector's class; a track only ever takes boxes of its own class
 * @param score the detector's confidence in [0, 1]
 */
public record DetectedBox(int classId, float score, float x1, float y1, float x2, float y2) {

    /** False for boxes that cannot be tracked: a corner not finite, or no width or no height. */
    public boolean isTrackable() {
        return Float.isFinite(x1)
                && Float.isFinite(y1)
                && Float.isFinite(x2)
                && Float.isFinite(y2)
                && Float.isFinite(score)
                && x2 > x1
                && y2 > y1;
    }
}
