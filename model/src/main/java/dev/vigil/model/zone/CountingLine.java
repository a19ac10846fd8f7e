package dev.vigil.model.zone;

import java.util.Set;

/**
 * A line objects cross, from {@code from} to {@code to}. Crossing to the line's right-hand side as seen on the screen
 * (for a line drawn left to right: downwards) is {@link Direction#IN}, to its left-hand side {@link Direction#OUT}.
 *
 * @param classes the classes it counts (empty: all)
 * @param minFrames frames in a row an object must be on the new side before the crossing counts
 * @param band half-width in pixels of the strip along the line where no side is decided (a box standing on the line)
 */
public record CountingLine(String name, Point from, Point to, Set<String> classes, int minFrames, double band) {

    /** Which way an object crossed. */
    public enum Direction {
        IN,
        OUT
    }

    public CountingLine {
        classes = Set.copyOf(classes);
        if (from.equals(to)) {
            throw new IllegalArgumentException("line " + name + ": its two points are the same");
        }
        if (minFrames < 1) {
            throw new IllegalArgumentException("line " + name + ": min frames must be at least 1, got " + minFrames);
        }
        if (!(band >= 0)) {
            throw new IllegalArgumentException("line " + name + ": band must be >= 0 pixels, got " + band);
        }
    }

    public boolean counts(String label) {
        return classes.isEmpty() || classes.contains(label);
    }

    /** +1 on the right-hand side, −1 on the left-hand side, 0 within the band. */
    public int side(double x, double y) {
        double dx = to.x() - from.x();
        double dy = to.y() - from.y();
        double distance = (dx * (y - from.y()) - dy * (x - from.x())) / Math.hypot(dx, dy);
        return Math.abs(distance) <= band ? 0 : distance > 0 ? 1 : -1;
    }

    /** Whether the step from (x1, y1) to (x2, y2) passes the line segment itself (not beside its ends). */
    public boolean crossedBy(double x1, double y1, double x2, double y2) {
        double d1 = orientation(from, to, x1, y1);
        double d2 = orientation(from, to, x2, y2);
        double d3 = orientation(new Point(x1, y1), new Point(x2, y2), from.x(), from.y());
        double d4 = orientation(new Point(x1, y1), new Point(x2, y2), to.x(), to.y());
        return d1 * d2 <= 0 && d3 * d4 <= 0;
    }

    private static double orientation(Point a, Point b, double x, double y) {
        return (b.x() - a.x()) * (y - a.y()) - (b.y() - a.y()) * (x - a.x());
    }
}
