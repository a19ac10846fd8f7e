package dev.vigil.model.image;

/**
 * A decoded RGB image as the detector consumes it: floats in [0, 1] (8-bit value / 255, as torchvision's
 * {@code ToTensor}), channel-major (3×H×W, R then G then B, rows top to bottom).
 *
 * @param name where the image came from (a file name, a camera id), used in error messages
 * @param size height and width
 * @param chw 3·H·W values
 */
public record RgbImage(String name, ImageSize size, float[] chw) implements DecodedImage {

    /** Colour channels. */
    public static final int CHANNELS = 3;

    public RgbImage {
        if (chw.length != CHANNELS * size.pixels()) {
            throw new IllegalArgumentException("image " + name + ": " + chw.length + " values do not make a 3x"
                    + size.height() + "x" + size.width() + " image");
        }
    }
}
