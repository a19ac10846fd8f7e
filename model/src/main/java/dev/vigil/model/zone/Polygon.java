package dev.vigil.model.zone;

import java.util.List;

/** A simple polygon in image pixels; a point on its border is inside. */
public record Polygon(List<Point> vertices) {

    public Polygon {
        vertices = List.copyOf(vertices);
        if (vertices.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 points, got " + vertices.size());
        }
    }

    /** Inside or on the border (crossing number, with the border checked first). */
    public boolean contains(double x, double y) {
        boolean inside = false;
        int n = vertices.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            Point a = vertices.get(i);
            Point b = vertices.get(j);
            if (onSegment(a, b, x, y)) {
                return true;
            }
            if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static boolean onSegment(Point a, Point b, double x, double y) {
        double cross = (b.x() - a.x()) * (y - a.y()) - (b.y() - a.y()) * (x - a.x());
        if (Math.abs(cross) > 1e-9 * Math.max(1, Math.hypot(b.x() - a.x(), b.y() - a.y()))) {
            return false;
        }
        return x >= Math.min(a.x(), b.x()) - 1e-9
                && x <= Math.max(a.x(), b.x()) + 1e-9
                && y >= Math.min(a.y(), b.y()) - 1e-9
                && y <= Math.max(a.y(), b.y()) + 1e-9;
    }
}
