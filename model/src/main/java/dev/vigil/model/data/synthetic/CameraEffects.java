package dev.vigil.model.data.synthetic;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * One draw of a camera's look ({@link CameraSettings}): global brightness, contrast, colour cast and saturation, then
 * Gaussian noise and an optional 3×3 blur, applied in place to a {@code TYPE_INT_RGB} image.
 */
final class CameraEffects {

    /** Size of the table of standard normal samples noise is drawn from (a power of two). */
    private static final int GAUSSIAN_TABLE_SIZE = 1 << 12;

    private static final float[] GAUSSIAN = gaussianTable();

    private final float contrast;
    private final float[] offset = new float[3];
    private final float desaturation;
    private final float noiseSigma;
    private final boolean blur;

    CameraEffects(CameraSettings settings, SplittableRandom random) {
        contrast = (float) uniform(random, settings.minContrast(), settings.maxContrast());
        float brightness = (float) uniform(random, -settings.maxBrightnessShift(), settings.maxBrightnessShift());
        for (int channel = 0; channel < 3; channel++) {
            offset[channel] = brightness + (float) uniform(random, -settings.maxColorCast(), settings.maxColorCast());
        }
        desaturation = (float) uniform(random, 0, settings.maxDesaturation());
        noiseSigma = (float) uniform(random, 0, settings.maxNoiseSigma());
        blur = random.nextDouble() < settings.blurProbability();
    }

    /** Applies the look; {@code noise} draws this frame's sensor noise. */
    void apply(BufferedImage image, SplittableRandom noise) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        float[] rgb = new float[3];
        for (int i = 0; i < pixels.length; i++) {
            int pixel = pixels[i];
            rgb[0] = (pixel >> 16) & 0xFF;
            rgb[1] = (pixel >> 8) & 0xFF;
            rgb[2] = pixel & 0xFF;
            float grey = 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
            long draws = noise.nextLong();
            int out = 0;
            for (int channel = 0; channel < 3; channel++) {
                float value = rgb[channel] + desaturation * (grey - rgb[channel]);
                value = (value - 128f) * contrast
                        + 128f
                        + offset[channel]
                        + noiseSigma * GAUSSIAN[(int) (draws >>> (channel * 16)) & (GAUSSIAN_TABLE_SIZE - 1)];
                out = (out << 8) | Math.min(255, Math.max(0, Math.round(value)));
            }
            pixels[i] = out;
        }
        if (blur) {
            boxBlur3x3(pixels, image.getWidth(), image.getHeight());
        }
    }

    /** Mean of each pixel's 3×3 neighbourhood (edges repeat), per channel. */
    private static void boxBlur3x3(int[] pixels, int width, int height) {
        int[] source = pixels.clone();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int row = Math.min(height - 1, Math.max(0, y + dy)) * width;
                    for (int dx = -1; dx <= 1; dx++) {
                        int pixel = source[row + Math.min(width - 1, Math.max(0, x + dx))];
                        r += (pixel >> 16) & 0xFF;
                        g += (pixel >> 8) & 0xFF;
                        b += pixel & 0xFF;
                    }
                }
                pixels[y * width + x] = ((r + 4) / 9) << 16 | ((g + 4) / 9) << 8 | (b + 4) / 9;
            }
        }
    }

    private static double uniform(SplittableRandom random, double min, double max) {
        return min == max ? min : random.nextDouble(min, max);
    }

    private static float[] gaussianTable() {
        SplittableRandom random = new SplittableRandom(GAUSSIAN_TABLE_SIZE);
        float[] table = new float[GAUSSIAN_TABLE_SIZE];
        for (int i = 0; i < table.length; i++) {
            // Box-Muller: the JDK's nextGaussian is not specified for SplittableRandom on Java 17
            table[i] = (float) (StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()))
                    * StrictMath.cos(2 * Math.PI * random.nextDouble()));
        }
        return table;
    }
}
