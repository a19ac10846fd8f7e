package dev.vigil.model.image;

/**
 * Height and width of an image in pixels.
 *
 * @param height rows
 * @param width columns
 */
public record ImageSize(int height, int width) {

    public ImageSize {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
    }

    /** height × width. */
    public long pixels() {
        return (long) height * width;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
