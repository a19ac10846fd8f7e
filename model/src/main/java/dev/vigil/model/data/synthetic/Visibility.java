package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

/** How much of each sprite shows once all are painted far to near: its own pixels left uncovered and in view. */
final class Visibility {

    private Visibility() {}

    /**
     * @param paintOrder sprites as they will be painted (later ones cover earlier ones)
     * @return per sprite, visible pixels inside the {@code width}×{@code height} image over all its pixels (0 for a
     *     sprite with none)
     */
    static double[] fractions(List<PlacedSprite> paintOrder, int width, int height) {
        BufferedImage owners = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = owners.createGraphics();
        for (int i = 0; i < paintOrder.size(); i++) {
            paintOrder.get(i).paintSilhouette(g, new Color(i + 1));
        }
        g.dispose();
        long[] visible = new long[paintOrder.size() + 1];
        for (int owner : ((DataBufferInt) owners.getRaster().getDataBuffer()).getData()) {
            visible[owner & 0xFFFFFF]++;
        }
        double[] fractions = new double[paintOrder.size()];
        for (int i = 0; i < fractions.length; i++) {
            long all = pixels(paintOrder.get(i));
            fractions[i] = all == 0 ? 0 : (double) visible[i + 1] / all;
        }
        return fractions;
    }

    /** The sprite's pixels painted alone, at the same sub-pixel position as in the image. */
    private static long pixels(PlacedSprite sprite) {
        Rectangle2D box = sprite.box();
        int left = (int) Math.floor(box.getMinX());
        int top = (int) Math.floor(box.getMinY());
        int width = (int) Math.ceil(box.getMaxX()) - left + 1;
        int height = (int) Math.ceil(box.getMaxY()) - top + 1;
        BufferedImage alone = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = alone.createGraphics();
        g.translate(-left, -top);
        sprite.paintSilhouette(g, Color.WHITE);
        g.dispose();
        long count = 0;
        for (int pixel : ((DataBufferInt) alone.getRaster().getDataBuffer()).getData()) {
            if (pixel != 0) {
                count++;
            }
        }
        return count;
    }
}
