package dev.vigil.model.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Frames with their labels on one image, a grid of tiles each scaled to a fixed width, every box coloured by where
 * its label came from (a person, an import, a teacher) so that a reviewer sees at a glance whose labels to check;
 * ignore regions dashed. A legend at the top names the colours.
 */
public final class ContactSheet {

    /** Colours by label source; any other source is grey. */
    public static final Map<String, Color> SOURCE_COLOURS =
            Map.of("HUMAN", new Color(0x2ca02c), "IMPORT", new Color(0x1f77b4), "TEACHER", new Color(0xff7f0e));

    static final Color OTHER = new Color(0x7f7f7f);
    private static final int FONT_SIZE = 11;
    private static final int LEGEND_HEIGHT = 20;

    private ContactSheet() {}

    /** A box to draw, in the frame's pixels; {@code score} null for labels without one. */
    public record Box(float x1, float y1, float x2, float y2, String label, Float score, boolean ignore) {}

    /** One frame: its pixels, a caption, where its labels came from, its boxes. */
    public record Tile(BufferedImage image, String caption, String source, List<Box> boxes) {}

    /**
     * Draws {@code tiles} in rows of {@code columns}, each {@code tileWidth} pixels wide (heights follow each frame's
     * aspect ratio; a row is as tall as its tallest tile).
     */
    public static BufferedImage draw(List<Tile> tiles, int columns, int tileWidth) {
        if (tiles.isEmpty() || columns <= 0 || tileWidth <= 0) {
            throw new IllegalArgumentException("a contact sheet needs tiles, columns and a width (" + tiles.size()
                    + ", " + columns + ", " + tileWidth + ")");
        }
        int rows = (tiles.size() + columns - 1) / columns;
        int[] rowHeights = new int[rows];
        for (int i = 0; i < tiles.size(); i++) {
            rowHeights[i / columns] = Math.max(rowHeights[i / columns], tileHeight(tiles.get(i), tileWidth));
        }
        int height = LEGEND_HEIGHT;
        for (int h : rowHeights) {
            height += h;
        }
        BufferedImage sheet = new BufferedImage(columns * tileWidth, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, FONT_SIZE));
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            legend(g);
            int y = LEGEND_HEIGHT;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns && r * columns + c < tiles.size(); c++) {
                    tile(g, tiles.get(r * columns + c), c * tileWidth, y, tileWidth);
                }
                y += rowHeights[r];
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** The colour of a label source. */
    public static Color colour(String source) {
        return source == null ? OTHER : SOURCE_COLOURS.getOrDefault(source, OTHER);
    }

    private static int tileHeight(Tile tile, int width) {
        return Math.max(
                1,
                Math.round(
                        tile.image().getHeight() * (float) width / tile.image().getWidth()));
    }

    private static void legend(Graphics2D g) {
        FontMetrics metrics = g.getFontMetrics();
        int x = 4;
        for (String source : List.of("HUMAN", "IMPORT", "TEACHER")) {
            g.setColor(colour(source));
            g.fillRect(x, 5, 10, 10);
            g.setColor(Color.BLACK);
            String name = source.toLowerCase(Locale.ROOT);
            g.drawString(name, x + 14, 14);
            x += 24 + metrics.stringWidth(name);
        }
        g.setColor(Color.BLACK);
        g.drawString("dashed: ignore region", x, 14);
    }

    private static void tile(Graphics2D g, Tile tile, int x0, int y0, int width) {
        int height = tileHeight(tile, width);
        float scale = (float) width / tile.image().getWidth();
        g.drawImage(tile.image(), x0, y0, width, height, null);
        Color colour = colour(tile.source());
        FontMetrics metrics = g.getFontMetrics();
        for (Box box : tile.boxes()) {
            g.setColor(colour);
            g.setStroke(
                    box.ignore()
                            ? new BasicStroke(
                                    1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)
                            : new BasicStroke(1.5f));
            int x = x0 + Math.round(box.x1() * scale);
            int y = y0 + Math.round(box.y1() * scale);
            g.drawRect(x, y, Math.round((box.x2() - box.x1()) * scale), Math.round((box.y2() - box.y1()) * scale));
            String text =
                    box.score() == null ? box.label() : String.format(Locale.ROOT, "%s %.2f", box.label(), box.score());
            g.drawString(text, x + 1, Math.max(y0 + metrics.getAscent(), y - 2));
        }
        g.setColor(Color.BLACK);
        g.fillRect(x0, y0 + height - metrics.getHeight(), metrics.stringWidth(tile.caption()) + 4, metrics.getHeight());
        g.setColor(Color.WHITE);
        g.drawString(tile.caption(), x0 + 2, y0 + height - metrics.getDescent());
    }
}
