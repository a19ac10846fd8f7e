package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A feature map N×C×H×W copied once to the JVM as one array of C channels per pixel. Loops over channels then index
 * every array they touch from 0, the form that HotSpot's C2 (JDK 17) turns into vector instructions: it does not
 * vectorise reads of one array at several run-time offsets, which a single N·H·W·C array would need.
 *
 * @param pixels N·H·W arrays of C floats, pixel (n, y, x) at {@link #pixel}
 */
record ChannelsLastFeatures(float[][] pixels, int images, int height, int width, int channels) {

    /** Copies {@code features} (N×C×H×W, any float type, any memory layout) to the JVM as float32. */
    static ChannelsLastFeatures copyOf(NDArray features) {
        Shape s = Rois.checkFeatures(features);
        if (s.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("features " + s + " hold more values than a JVM array can");
        }
        int images = (int) s.get(0);
        int channels = (int) s.get(1);
        int height = (int) s.get(2);
        int width = (int) s.get(3);
        float[][] pixels = new float[images * height * width][channels];
        // a view when the map is channels-last in memory already; otherwise libtorch writes it out contiguously
        try (NDArray transposed = features.transpose(0, 2, 3, 1);
                NDArray channelsLast = transposed.reshape(-1)) {
            FloatBuffer values = channelsLast
                    .toType(DataType.FLOAT32, false)
                    .toByteBuffer()
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            for (float[] pixel : pixels) {
                values.get(pixel);
            }
        }
        return new ChannelsLastFeatures(pixels, images, height, width, channels);
    }

    /** Index in {@link #pixels} of pixel (y, x) of image {@code image}. */
    int pixel(int image, int y, int x) {
        return (image * height + y) * width + x;
    }

    /** The C channels of the pixel at {@code index}. */
    float[] channelsAt(int index) {
        return pixels[index];
    }
}
