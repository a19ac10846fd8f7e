package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A procedurally drawn thing in its own units (y down, the ground at its largest y): filled shapes in paint order,
 * each with its exact bounds, so the thing's box is known without rendering it.
 */
final class Sprite {

    /**
     * One filled shape.
     *
     * @param bounds the shape's exact extent (Java 17's {@code getBounds2D} of curves is not tight, so it is kept)
     */
    record Part(Shape shape, Rectangle2D bounds, Color color) {}

    private final List<Part> parts;
    private final Rectangle2D bounds;

    private Sprite(List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a sprite needs at least one part");
        }
        this.parts = List.copyOf(parts);
        Rectangle2D union = parts.get(0).bounds().getFrame();
        parts.forEach(part -> Rectangle2D.union(union, part.bounds(), union));
        this.bounds = union;
    }

    List<Part> parts() {
        return parts;
    }

    /** The union of the parts' bounds: the thing's box in its own units. */
    Rectangle2D bounds() {
        return bounds.getFrame();
    }

    /** Collects parts in paint order (later parts paint over earlier ones). */
    static final class Builder {

        private final List<Part> parts = new ArrayList<>();

        Builder rect(double x, double y, double width, double height, Color color) {
            Rectangle2D.Double rect = new Rectangle2D.Double(x, y, width, height);
            return add(rect, rect, color);
        }

        Builder roundRect(double x, double y, double width, double height, double arc, Color color) {
            return add(
                    new RoundRectangle2D.Double(x, y, width, height, arc, arc),
                    new Rectangle2D.Double(x, y, width, height),
                    color);
        }

        Builder ellipse(double centerX, double centerY, double radiusX, double radiusY, Color color) {
            Ellipse2D.Double ellipse =
                    new Ellipse2D.Double(centerX - radiusX, centerY - radiusY, 2 * radiusX, 2 * radiusY);
            return add(ellipse, ellipse.getFrame(), color);
        }

        /** A circle outline {@code thickness} wide inside radius {@code radius}. */
        Builder ring(double centerX, double centerY, double radius, double thickness, Color color) {
            Area ring = new Area(new Ellipse2D.Double(centerX - radius, centerY - radius, 2 * radius, 2 * radius));
            double inner = radius - thickness;
            ring.subtract(new Area(new Ellipse2D.Double(centerX - inner, centerY - inner, 2 * inner, 2 * inner)));
            return add(ring, new Rectangle2D.Double(centerX - radius, centerY - radius, 2 * radius, 2 * radius), color);
        }

        /** A straight limb or bar: a rectangle {@code thickness} wide from one point to another (square ends). */
        Builder bar(double x1, double y1, double x2, double y2, double thickness, Color color) {
            double length = StrictMath.hypot(x2 - x1, y2 - y1);
            double nx = length == 0 ? 0 : -(y2 - y1) / length * thickness / 2;
            double ny = length == 0 ? thickness / 2 : (x2 - x1) / length * thickness / 2;
            return polygon(color, x1 + nx, y1 + ny, x2 + nx, y2 + ny, x2 - nx, y2 - ny, x1 - nx, y1 - ny);
        }

        /** A filled polygon through {@code xy} pairs. */
        Builder polygon(Color color, double... xy) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(xy[0], xy[1]);
            for (int i = 2; i < xy.length; i += 2) {
                path.lineTo(xy[i], xy[i + 1]);
            }
            path.closePath();
            return add(path, path.getBounds2D(), color);
        }

        Sprite build() {
            return new Sprite(parts);
        }

        private Builder add(Shape shape, Rectangle2D bounds, Color color) {
            parts.add(new Part(shape, bounds, color));
            return this;
        }
    }
}
