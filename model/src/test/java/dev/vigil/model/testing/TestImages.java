package dev.vigil.model.testing;

import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;

/** Small operations on test images. */
public final class TestImages {

    private TestImages() {}

    /** The {@code size} region of {@code image} whose top-left corner is at ({@code left}, {@code top}). */
    public static RgbImage crop(RgbImage image, int top, int left, ImageSize size) {
        float[] chw = new float[RgbImage.CHANNELS * (int) size.pixels()];
        int index = 0;
        for (int c = 0; c < RgbImage.CHANNELS; c++) {
            for (int y = 0; y < size.height(); y++) {
                int from = (c * image.size().height() + top + y) * image.size().width() + left;
                System.arraycopy(image.chw(), from, chw, index, size.width());
                index += size.width();
            }
        }
        return new RgbImage(image.name() + "[crop]", size, chw);
    }
}
