package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A feature map N×C×H×W copied once to the JVM in N×H×W×C order, so that the C values of a pixel are contiguous and
 * loops over channels run on consecutive floats.
 *
 * @param values N·H·W·C floats
 */
record ChannelsLastFeatures(float[] values, int images, int height, int width, int channels) {

    /** Copies {@code features} (N×C×H×W, any float type) to the JVM, channels last, as float32. */
    static ChannelsLastFeatures copyOf(NDArray features) {
        Shape s = Rois.checkFeatures(features);
        if (s.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("features " + s + " hold more values than a JVM array can");
        }
        float[] values;
        // Flattening the transposed view makes libtorch write it out contiguously, faster than copying it as it is.
        try (NDArray transposed = features.transpose(0, 2, 3, 1); NDArray channelsLast = transposed.reshape(-1)) {
            values = channelsLast.toType(DataType.FLOAT32, false).toFloatArray();
        }
        return new ChannelsLastFeatures(values, (int) s.get(0), (int) s.get(2), (int) s.get(3), (int) s.get(1));
    }

    /** Index in {@link #values} of channel 0 of pixel (y, x) of image {@code image}. */
    int pixel(int image, int y, int x) {
        return ((image * height + y) * width + x) * channels;
    }
}
