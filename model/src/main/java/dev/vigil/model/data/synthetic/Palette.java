package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.util.SplittableRandom;

/** Colour choices for procedural drawing. */
final class Palette {

    private Palette() {}

    static Color pick(SplittableRandom random, Color... colors) {
        return colors[random.nextInt(colors.length)];
    }

    /** Any hue at the given saturation and brightness ranges. */
    static Color hue(
            SplittableRandom random,
            float minSaturation,
            float maxSaturation,
            float minBrightness,
            float maxBrightness) {
        return Color.getHSBColor(
                random.nextFloat(),
                minSaturation + random.nextFloat() * (maxSaturation - minSaturation),
                minBrightness + random.nextFloat() * (maxBrightness - minBrightness));
    }

    /** {@code color} with each channel moved by up to ±{@code amount}. */
    static Color vary(SplittableRandom random, Color color, int amount) {
        return new Color(
                channel(color.getRed() + random.nextInt(-amount, amount + 1)),
                channel(color.getGreen() + random.nextInt(-amount, amount + 1)),
                channel(color.getBlue() + random.nextInt(-amount, amount + 1)));
    }

    /** {@code color} with every channel scaled by {@code factor} (below 1 darker). */
    static Color shade(Color color, double factor) {
        return new Color(
                channel((int) Math.round(color.getRed() * factor)),
                channel((int) Math.round(color.getGreen() * factor)),
                channel((int) Math.round(color.getBlue() * factor)));
    }

    static int channel(int value) {
        return Math.min(255, Math.max(0, value));
    }
}
