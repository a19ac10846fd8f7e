package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * The static part of a camera's view: a ground plane seen in perspective below a horizon (a road across it, a path
 * leading away, litter and marks on it), a sky or a building wall above, and a fixed grain texture. Things standing
 * on the ground at image row {@code footY} are drawn at {@link #pixelsPerMetre(double)} there.
 */
final class SceneLayout {

    /** The horizon's row, as a fraction of the image height. */
    private static final double MIN_HORIZON = 0.15;

    private static final double MAX_HORIZON = 0.42;
    /** Most marks (stones, litter, leaves) strewn on the ground. */
    private static final int MAX_GROUND_MARKS = 40;
    /** Largest ± grain of the static texture, in 8-bit levels. */
    private static final int TEXTURE_GRAIN = 10;

    private final double horizonY;
    /** pixels per metre = slope · (footY − horizonY). */
    private final double perspectiveSlope;

    private final BufferedImage background;

    private SceneLayout(double horizonY, double perspectiveSlope, BufferedImage background) {
        this.horizonY = horizonY;
        this.perspectiveSlope = perspectiveSlope;
        this.background = background;
    }

    /**
     * A random view in which the tallest of {@code settings}' classes, standing on the bottom row, is
     * {@code maxObjectHeight} tall.
     */
    static SceneLayout random(SceneSettings settings, SplittableRandom random) {
        int width = settings.width();
        int height = settings.height();
        double horizonY = height * random.nextDouble(MIN_HORIZON, MAX_HORIZON);
        double tallest =
                settings.classes().stream().mapToDouble(c -> c.realHeight).max().orElseThrow();
        double slope = settings.maxObjectHeight() / (tallest * (height - horizonY));
        BufferedImage background = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = background.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            paintAbove(g, width, horizonY, random);
            paintGround(g, width, height, horizonY, random);
        } finally {
            g.dispose();
        }
        addGrain(background, random);
        return new SceneLayout(horizonY, slope, background);
    }

    double horizonY() {
        return horizonY;
    }

    /** Scale of a thing standing on row {@code footY}. */
    double pixelsPerMetre(double footY) {
        return perspectiveSlope * (footY - horizonY);
    }

    /** The row a thing {@code realHeight} metres tall must stand on to be {@code pixelHeight} pixels tall. */
    double footYFor(double realHeight, double pixelHeight) {
        return horizonY + pixelHeight / (perspectiveSlope * realHeight);
    }

    /** A fresh copy of the background to paint a frame on. */
    BufferedImage newFrame() {
        BufferedImage frame =
                new BufferedImage(background.getWidth(), background.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] source = ((DataBufferInt) background.getRaster().getDataBuffer()).getData();
        int[] target = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
        System.arraycopy(source, 0, target, 0, source.length);
        return frame;
    }

    /** Sky with distant roofs, or a building wall with windows. */
    private static void paintAbove(Graphics2D g, int width, double horizonY, SplittableRandom random) {
        if (random.nextBoolean()) {
            Color sky = Palette.vary(random, new Color(170, 190, 210), 25);
            g.setPaint(new GradientPaint(0, 0, Palette.shade(sky, 0.85), 0, (float) horizonY, sky));
            g.fill(new Rectangle2D.Double(0, 0, width, horizonY));
            Color roofs = Palette.vary(random, new Color(95, 95, 105), 20);
            g.setColor(roofs);
            for (double x = 0; x < width; x += random.nextDouble(20, 60)) {
                double roofHeight = horizonY * random.nextDouble(0.1, 0.5);
                g.fill(new Rectangle2D.Double(x, horizonY - roofHeight, random.nextDouble(20, 70), roofHeight));
            }
        } else {
            Color wall = Palette.vary(
                    random,
                    Palette.pick(random, new Color(150, 95, 75), new Color(190, 185, 170), new Color(120, 120, 125)),
                    20);
            g.setColor(wall);
            g.fill(new Rectangle2D.Double(0, 0, width, horizonY));
            Color window = Palette.vary(random, new Color(60, 70, 85), 15);
            double windowWidth = random.nextDouble(12, 30);
            double windowHeight = Math.min(horizonY * 0.35, random.nextDouble(10, 30));
            g.setColor(window);
            for (double y = 6; y + windowHeight < horizonY - 4; y += windowHeight * 1.8) {
                for (double x = random.nextDouble(2, 20); x + windowWidth < width; x += windowWidth * 1.7) {
                    g.fill(new Rectangle2D.Double(x, y, windowWidth, windowHeight));
                }
            }
        }
    }

    /** Ground, a road crossing the view, a path leading away, and marks. */
    private static void paintGround(Graphics2D g, int width, int height, double horizonY, SplittableRandom random) {
        Color ground = Palette.vary(
                random,
                Palette.pick(random, new Color(120, 120, 118), new Color(85, 120, 60), new Color(175, 160, 130)),
                15);
        g.setPaint(new GradientPaint(
                0, (float) horizonY, Palette.shade(ground, 0.9), 0, height, Palette.shade(ground, 1.1)));
        g.fill(new Rectangle2D.Double(0, horizonY, width, height - horizonY));
        double depth = height - horizonY;
        if (random.nextDouble() < 0.7) {
            double far = horizonY + depth * random.nextDouble(0.1, 0.45);
            double near = far + depth * random.nextDouble(0.15, 0.35);
            g.setColor(Palette.vary(random, new Color(70, 70, 72), 10));
            g.fill(new Rectangle2D.Double(0, far, width, near - far));
            g.setColor(new Color(225, 225, 215));
            double line = (far + near) / 2;
            double dash = (line - horizonY) * 0.6;
            for (double x = random.nextDouble(0, dash); x < width; x += dash * 2) {
                g.fill(new Rectangle2D.Double(x, line - 0.5, dash, Math.max(1, (line - horizonY) * 0.02)));
            }
        }
        if (random.nextBoolean()) {
            double vanishX = width * random.nextDouble(0.2, 0.8);
            double left = width * random.nextDouble(-0.2, 0.5);
            double right = left + width * random.nextDouble(0.2, 0.5);
            Path2D.Double path = new Path2D.Double();
            path.moveTo(vanishX - 1, horizonY);
            path.lineTo(vanishX + 1, horizonY);
            path.lineTo(right, height);
            path.lineTo(left, height);
            path.closePath();
            g.setColor(Palette.vary(random, new Color(185, 175, 160), 20));
            g.fill(path);
        }
        int marks = random.nextInt(MAX_GROUND_MARKS + 1);
        for (int i = 0; i < marks; i++) {
            double y = random.nextDouble(horizonY, height);
            double size = (y - horizonY) * random.nextDouble(0.01, 0.05) + 0.5;
            g.setColor(Palette.hue(random, 0f, 0.4f, 0.2f, 0.8f));
            g.fill(new Ellipse2D.Double(random.nextDouble(-size, width), y, size * random.nextDouble(1, 3), size));
        }
    }

    private static void addGrain(BufferedImage image, SplittableRandom random) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int grain = random.nextInt(-TEXTURE_GRAIN, TEXTURE_GRAIN + 1);
            int pixel = pixels[i];
            pixels[i] = Palette.channel(((pixel >> 16) & 0xFF) + grain) << 16
                    | Palette.channel(((pixel >> 8) & 0xFF) + grain) << 8
                    | Palette.channel((pixel & 0xFF) + grain);
        }
    }
}
