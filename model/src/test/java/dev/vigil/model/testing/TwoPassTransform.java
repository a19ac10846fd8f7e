package dev.vigil.model.testing;

import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.transform.ImageTransform;
import dev.vigil.model.transform.TransformConfig;
import java.util.List;

/**
 * The tests' oracle for the transform's pixel values: what it computed before its single pass, written the plain way.
 * Normalise the whole image ({@code (x - mean) / std} in float32), then resize it value by value with torch's
 * {@code upsample_bilinear2d} formula (align_corners=false: source position {@code max(0, (in/out)·(i + 0.5) - 0.5)},
 * float32 ratio, weights in float32, the width first), then zero-pad into an N×C×H×W batch.
 */
public final class TwoPassTransform {

    private TwoPassTransform() {}

    /** The batch, N×C×H×W in logical order, at the sizes {@code sizes} computes. */
    public static float[] batch(TransformConfig settings, ImageTransform sizes, List<RgbImage> images) {
        int height = 0;
        int width = 0;
        for (RgbImage image : images) {
            ImageSize resized = sizes.resizedSize(image.size());
            height = Math.max(height, resized.height());
            width = Math.max(width, resized.width());
        }
        int paddedHeight = sizes.paddedSide(height);
        int paddedWidth = sizes.paddedSide(width);
        float[] batch = new float[images.size() * 3 * paddedHeight * paddedWidth];
        for (int n = 0; n < images.size(); n++) {
            RgbImage image = images.get(n);
            float[] normalized = normalized(settings, image);
            ImageSize in = image.size();
            ImageSize out = sizes.resizedSize(in);
            for (int c = 0; c < 3; c++) {
                int plane = c * (int) in.pixels();
                for (int y = 0; y < out.height(); y++) {
                    Sample row = Sample.at(in.height(), out.height(), y);
                    for (int x = 0; x < out.width(); x++) {
                        Sample column = Sample.at(in.width(), out.width(), x);
                        int top = plane + row.index0 * in.width();
                        int bottom = plane + row.index1 * in.width();
                        float topValue = normalized[top + column.index0] * column.lambda0
                                + normalized[top + column.index1] * column.lambda1;
                        float bottomValue = normalized[bottom + column.index0] * column.lambda0
                                + normalized[bottom + column.index1] * column.lambda1;
                        batch[((n * 3 + c) * paddedHeight + y) * paddedWidth + x] =
                                topValue * row.lambda0 + bottomValue * row.lambda1;
                    }
                }
            }
        }
        return batch;
    }

    private static float[] normalized(TransformConfig settings, RgbImage image) {
        float[] mean = settings.imageMean();
        float[] std = settings.imageStd();
        int plane = (int) image.size().pixels();
        float[] values = new float[image.chw().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (image.chw()[i] - mean[i / plane]) / std[i / plane];
        }
        return values;
    }

    /** The two source indices and weights of output index {@code i} along an axis of {@code in} → {@code out}. */
    private record Sample(int index0, int index1, float lambda0, float lambda1) {

        static Sample at(int in, int out, int i) {
            if (in == out) {
                return new Sample(i, i, 1f, 0f);
            }
            float scale = (float) in / out;
            double source = Math.max(scale * (i + 0.5) - 0.5, 0.0);
            int floor = (int) source;
            float lambda1 = (float) Math.min(source - floor, 1.0);
            return new Sample(floor, Math.min(floor + 1, in - 1), 1f - lambda1, lambda1);
        }
    }
}
