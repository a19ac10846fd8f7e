package dev.vigil.model.track;

/**
 * A confirmed track as one frame left it.
 *
 * @param trackId unique per camera for ever (1, 2, ...)
 * @param score the score of the track's last detection
 * @param x1 left: the matched detection's box, or the motion model's box when no detection was matched
 * @param detectionIndex the detection of this frame the track took, or -1
 */
public record TrackedObject(
        long trackId, int classId, float score, float x1, float y1, float x2, float y2, int detectionIndex) {

    /** Where the object stands: the middle of the box's bottom edge (x). */
    public double bottomCentreX() {
        return ((double) x1 + x2) / 2;
    }

    /** Where the object stands: the box's bottom edge (y). */
    public double bottomCentreY() {
        return y2;
    }
}
