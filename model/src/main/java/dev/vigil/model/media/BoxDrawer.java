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

/** Draws detections (box, label and score) onto an RGB copy of an image. */
public final class BoxDrawer {

    private static final float STROKE_WIDTH = 2f;
    private static final int FONT_SIZE = 12;
    /** Golden-ratio hue steps give neighbouring class ids clearly different colours. */
    private static final float HUE_STEP = 0.618034f;

    private BoxDrawer() {}

    public static BufferedImage draw(BufferedImage source, List<DetectedObject> detections) {
        BufferedImage canvas = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(source, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(STROKE_WIDTH));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, FONT_SIZE));
            FontMetrics metrics = g.getFontMetrics();
            for (DetectedObject d : detections) {
                Color color = Color.getHSBColor((d.classId() * HUE_STEP) % 1f, 0.9f, 1f);
                int x = Math.round(d.x1());
                int y = Math.round(d.y1());
                g.setColor(color);
                g.drawRect(x, y, Math.round(d.x2() - d.x1()), Math.round(d.y2() - d.y1()));
                String text = String.format(Locale.ROOT, "%s %.2f", d.label(), d.score());
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
