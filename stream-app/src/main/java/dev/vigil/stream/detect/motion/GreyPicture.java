package dev.vigil.stream.detect.motion;

import dev.vigil.model.image.ImageSize;

/**
 * A frame reduced for the motion gate: a small, slightly blurred grey picture, row by row, one byte a pixel.
 *
 * @param width  columns of the small picture
 * @param height rows of the small picture
 * @param grey   {@code width × height} grey levels (0..255 as unsigned bytes)
 * @param source the real size of the frame's image it was reduced from
 */
public record GreyPicture(int width, int height, byte[] grey, ImageSize source) {

    public GreyPicture {
        if (width <= 0 || height <= 0 || grey.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " grey picture needs " + width * height
                    + " bytes, got " + grey.length);
        }
    }
}
