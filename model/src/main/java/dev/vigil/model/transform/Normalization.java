package dev.vigil.model.transform;

import dev.vigil.model.image.ByteRgbImage;
import dev.vigil.model.image.DecodedImage;
import dev.vigil.model.image.RgbImage;

/**
 * torchvision's per-channel normalisation, {@code (x - mean) / std} in float32, of one image row at a time. For 8-bit
 * samples each channel's 256 possible results are computed once, from the same floats as {@link RgbImage} holds, so a
 * lookup gives exactly the value the arithmetic would.
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

    private float normalize(int channel, float value) {
        return (value - mean[channel]) / std[channel];
    }

    /**
     * Writes row {@code y} of the image normalised into {@code out}: 3·W values, each pixel's R, G, B side by side.
     */
    void row(DecodedImage image, int y, float[] out) {
        int width = image.size().width();
        if (image instanceof ByteRgbImage bytes) {
            byte[] rgb = bytes.rgb();
            float[] red = eightBit[0];
            float[] green = eightBit[1];
            float[] blue = eightBit[2];
            for (int i = 0, from = RgbImage.CHANNELS * width * y; i < RgbImage.CHANNELS * width; i += 3, from += 3) {
                out[i] = red[rgb[from] & 0xFF];
                out[i + 1] = green[rgb[from + 1] & 0xFF];
                out[i + 2] = blue[rgb[from + 2] & 0xFF];
            }
        } else if (image instanceof RgbImage floats) {
            float[] chw = floats.chw();
            int plane = (int) image.size().pixels();
            for (int c = 0; c < RgbImage.CHANNELS; c++) {
                for (int x = 0, from = c * plane + y * width; x < width; x++, from++) {
                    out[RgbImage.CHANNELS * x + c] = normalize(c, chw[from]);
                }
            }
        } else {
            throw new IllegalArgumentException(
                    "no normalisation for " + image.getClass().getName());
        }
    }
}
