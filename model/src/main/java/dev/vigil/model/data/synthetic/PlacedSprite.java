package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/** A sprite standing on the ground of an image: scaled, maybe mirrored, its box known exactly. */
final class PlacedSprite {

    private static final Color SHADOW = new Color(0, 0, 0, 70);

    private final Sprite sprite;
    private final AffineTransform toImage;
    private final Rectangle2D box;

    private PlacedSprite(Sprite sprite, AffineTransform toImage, Rectangle2D box) {
        this.sprite = sprite;
        this.toImage = toImage;
        this.box = box;
    }

    /**
     * @param centerX the box's horizontal centre in the image
     * @param footY the box's bottom row (where it stands)
     * @param height the box height in pixels
     * @param mirrored drawn facing −x
     */
    static PlacedSprite standing(Sprite sprite, double centerX, double footY, double height, boolean mirrored) {
        Rectangle2D bounds = sprite.bounds();
        double scale = height / bounds.getHeight();
        AffineTransform toImage = AffineTransform.getTranslateInstance(centerX, footY);
        toImage.scale(mirrored ? -scale : scale, scale);
        toImage.translate(-bounds.getCenterX(), -bounds.getMaxY());
        double width = bounds.getWidth() * scale;
        return new PlacedSprite(
                sprite, toImage, new Rectangle2D.Double(centerX - width / 2, footY - height, width, height));
    }

    /** The box in image pixels (it may reach outside the image). */
    Rectangle2D box() {
        return box.getFrame();
    }

    double footY() {
        return box.getMaxY();
    }

    void paint(Graphics2D g) {
        AffineTransform saved = g.getTransform();
        g.transform(toImage);
        for (Sprite.Part part : sprite.parts()) {
            g.setColor(part.color());
            g.fill(part.shape());
        }
        g.setTransform(saved);
    }

    /** Every part in one colour: the pixels the sprite covers. */
    void paintSilhouette(Graphics2D g, Color color) {
        AffineTransform saved = g.getTransform();
        g.transform(toImage);
        g.setColor(color);
        for (Sprite.Part part : sprite.parts()) {
            g.fill(part.shape());
        }
        g.setTransform(saved);
    }

    /** A soft dark ellipse on the ground under the sprite. */
    void paintShadow(Graphics2D g) {
        double radiusX = box.getWidth() * 0.55;
        double radiusY = Math.max(1, box.getHeight() * 0.05);
        g.setColor(SHADOW);
        g.fill(new Ellipse2D.Double(box.getCenterX() - radiusX, footY() - radiusY, 2 * radiusX, 2 * radiusY));
    }
}
