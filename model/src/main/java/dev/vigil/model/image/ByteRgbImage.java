package dev.vigil.model.image;

/**
 * A decoded RGB image as an 8-bit decoder gives it: rows top to bottom, each pixel's red, green and blue samples side
 * by side (H×W×3 bytes). Sample v stands for the value v / 255, exactly as {@link RgbImage} holds it
 * ({@link #unit}).
 *
 * @param name where the image came from (a file name, a camera id), used in error messages
 * @param size height and width
 * @param rgb 3·H·W samples
 */
public record ByteRgbImage(String name, ImageSize size, byte[] rgb) implements DecodedImage {

    private static final float MAX_8_BIT = 255f;
    /** v / 255 for every 8-bit v: the division's exact values at a table lookup's cost. */
    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < UNIT.length; v++) {
            UNIT[v] = v / MAX_8_BIT;
        }
    }

    public ByteRgbImage {
        if (rgb.length != RgbImage.CHANNELS * size.pixels()) {
            throw new IllegalArgumentException("image " + name + ": " + rgb.length + " samples do not make a "
                    + size.width() + "x" + size.height() + "x3 image");
        }
    }

    /** The value in [0, 1] an 8-bit sample stands for: {@code sample / 255} in float32. */
    public static float unit(int sample) {
        return UNIT[sample & 0xFF];
    }
}
