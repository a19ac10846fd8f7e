package dev.vigil.model.trackeval;

/**
 * One box of a tracking ground truth or of a tracker's output, in MOT Challenge's terms.
 *
 * @param id the object's (ground truth) or the track's (hypothesis) id
 * @param label the class name, or null when the file does not say (a tracker's MOT results)
 * @param x left, in pixels
 * @param y top
 * @param kind what the box counts for
 */
public record TrackBox(long id, String label, double x, double y, double width, double height, float score, Kind kind) {

    /** What a box counts for in scoring. */
    public enum Kind {
        /** Scored: a ground-truth object to find, or a hypothesis. */
        SCORED,
        /**
         * An ignore region (MOT Challenge's distractor classes, COCO's {@code iscrowd}): a hypothesis on it is dropped,
         * and missing it is no error.
         */
        IGNORE_REGION,
        /** In the ground truth but not scored (MOT Challenge's rows with a zero "consider" flag): takes part in nothing but the ignore-region matching. */
        NOT_SCORED
    }

    public static TrackBox fromCorners(long id, String label, double x1, double y1, double x2, double y2, float score) {
        return new TrackBox(id, label, x1, y1, x2 - x1, y2 - y1, score, Kind.SCORED);
    }

    /**
     * py-motmetrics' {@code iou_matrix} distance, 1 − IoU ({@code distances.boxiou}: no pixel is added to the sides).
     */
    public double iouDistance(TrackBox other) {
        double width = Math.min(x + this.width, other.x + other.width) - Math.max(x, other.x);
        double height = Math.min(y + this.height, other.y + other.height) - Math.max(y, other.y);
        double intersection = Math.max(width, 0) * Math.max(height, 0);
        if (intersection == 0) {
            return 1;
        }
        double union = Math.max(this.width, 0) * Math.max(this.height, 0)
                + Math.max(other.width, 0) * Math.max(other.height, 0)
                - intersection;
        return 1 - intersection / union;
    }
}
