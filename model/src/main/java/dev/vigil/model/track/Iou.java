package dev.vigil.model.track;

/** Intersection over union of two boxes given by corners (a box without area overlaps nothing). */
final class Iou {

    private Iou() {}

    static double of(double ax1, double ay1, double ax2, double ay2, double bx1, double by1, double bx2, double by2) {
        double width = Math.min(ax2, bx2) - Math.max(ax1, bx1);
        double height = Math.min(ay2, by2) - Math.max(ay1, by1);
        if (!(width > 0 && height > 0)) {
            return 0;
        }
        double intersection = width * height;
        double union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - intersection;
        return union > 0 ? intersection / union : 0;
    }
}
