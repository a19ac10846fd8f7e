package dev.vigil.model.transform;

import dev.vigil.model.image.ByteRgbImage;
import dev.vigil.model.image.RgbImage;

/**
 * torchvision's per-channel normalisation, {@code (x - mean) / std} in float32: of a float image's row, or, for 8-bit
 * samples, as a table per channel of the 256 possible results, computed once from the same floats as {@link RgbImage}
 * holds, so a lookup gives exactly the value the arithmetic would.
 */
final class Normalization {

    private final float[] mean;
    private final float[] std;
    /** Per channel, the normalised value of each 8-bit sample. */
    private final float[][] eightBit = new float[RgbImage.CHANNELS][256];

    Normalization(float[] mean, float[] std) {
        this.mean = mean.clone();
        this.std = std.clone();
        for (int c = 0; c < RgbImage.CHANNELS; c++) {
            for (int v = 0; v < 256; v++) {
                eightBit[c][v] = normalize(c, ByteRgbImage.unit(v));
            }
        }
    }

    /** The normalised value of each 8-bit sample of {@code channel} (0 red, 1 green, 2 blue); not to be changed. */
    float[] eightBit(int channel) {
        return eightBit[channel];
    }

    private float normalize(int channel, float value) {
        return (value - mean[channel]) / std[channel];
    }

    /**
     * Writes row {@code y} of the image normalised into {@code out}: 3·W values, each pixel's R, G, B side by side.
     */
    void row(RgbImage image, int y, float[] out) {
        int width = image.size().width();
        float[] chw = image.chw();
        int plane = (int) image.size().pixels();
        for (int c = 0; c < RgbImage.CHANNELS; c++) {
            for (int x = 0, from = c * plane + y * width; x < width; x++, from++) {
                out[RgbImage.CHANNELS * x + c] = normalize(c, chw[from]);
            }
        }
    }
}
