package dev.vigil.model.media;

import dev.vigil.model.detector.DetectedObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws detections (box, label and score) onto an RGB copy of an image. A box of a tracked object also shows its track
 * id ("#12 person 0.91") and takes its track's colour, so that one object keeps one colour from frame to frame; other
 * boxes take their class's colour.
 */
public final class BoxDrawer {

    private static final float STROKE_WIDTH = 2f;
    private static final int FONT_SIZE = 12;
    /** Golden-ratio hue steps give neighbouring class ids clearly different colours. */
    private static final float HUE_STEP = 0.618034f;

    private BoxDrawer() {}

    /** A detection and the id of the tracked object it belongs to ({@code null}: none). */
    public record TrackedBox(DetectedObject detection, Long trackId) {}

    public static BufferedImage draw(BufferedImage source, List<DetectedObject> detections) {
        return drawTracked(
                source, detections.stream().map(d -> new TrackedBox(d, null)).toList());
    }

    public static BufferedImage drawTracked(BufferedImage source, List<TrackedBox> boxes) {
        BufferedImage canvas = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(source, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(STROKE_WIDTH));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, FONT_SIZE));
            FontMetrics metrics = g.getFontMetrics();
            for (TrackedBox box : boxes) {
                DetectedObject d = box.detection();
                long colourIndex = box.trackId() != null ? box.trackId() : d.classId();
                Color color = Color.getHSBColor((float) ((colourIndex * (double) HUE_STEP) % 1.0), 0.9f, 1f);
                int x = Math.round(d.x1());
                int y = Math.round(d.y1());
                g.setColor(color);
                g.drawRect(x, y, Math.round(d.x2() - d.x1()), Math.round(d.y2() - d.y1()));
                String text = box.trackId() != null
                        ? String.format(Locale.ROOT, "#%d %s %.2f", box.trackId(), d.label(), d.score())
                        : String.format(Locale.ROOT, "%s %.2f", d.label(), d.score());
                int textY = Math.max(y, metrics.getAscent());
                g.fillRect(x, textY - metrics.getAscent(), metrics.stringWidth(text) + 2, metrics.getHeight());
                g.setColor(Color.BLACK);
                g.drawString(text, x + 1, textY);
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }
}
