package dev.vigil.model.image;

/**
 * A decoded picture as the detector takes it: {@link RgbImage} (3×H×W floats in [0, 1]) or, straight from an 8-bit
 * decoder, {@link ByteRgbImage} (H×W×3 bytes, a quarter of the memory, normalised and resized in one pass by the
 * transform).
 */
public sealed interface DecodedImage permits RgbImage, ByteRgbImage {

    /** Where the image came from (a file name, a camera id), used in error messages. */
    String name();

    /** Height and width. */
    ImageSize size();
}
