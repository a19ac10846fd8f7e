package dev.vigil.model.roi;

import dev.vigil.model.engine.FloatTensorWriter;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * The driver of the {@link PoolingPath#INFERENCE JVM pooling path}: runs a per-RoI kernel over RoIs in parallel on
 * the common fork-join pool (the engine's own threads are idle meanwhile). A kernel writes a RoI bin after bin,
 * channels contiguous (PH·PW×C, so its loops over channels read consecutive floats of a channels-last map); the
 * driver transposes that to C×PH×PW and writes it to the RoI's slice of the result in one go.
 */
final class JvmPooling {

    /** RoIs per parallel task: enough work to amortise a task, few enough to balance two to a few dozen cores. */
    static final int ROIS_PER_TASK = 16;

    /** Pools one RoI into {@code binMajor}, PH·PW×C, every value overwritten. */
    @FunctionalInterface
    interface RoiKernel {
        void pool(int roi, float[] binMajor);
    }

    private JvmPooling() {
    }

    /**
     * Copies {@code features} to the JVM once, lets {@code pooling} fill a K×C×PH×PW result from it, and returns that
     * result in the features' manager.
     */
    static NDArray poolAll(NDArray features, int k, int pooledHeight, int pooledWidth,
            BiConsumer<ChannelsLastFeatures, FloatTensorWriter> pooling) {
        ChannelsLastFeatures map = ChannelsLastFeatures.copyOf(features);
        FloatTensorWriter out = FloatTensorWriter.allocate(features.getManager(),
                new Shape(k, map.channels(), pooledHeight, pooledWidth));
        pooling.accept(map, out);
        return out.toNDArray();
    }

    /**
     * Runs {@code kernel} for every RoI index in {@code rois} and writes RoI i to {@code out[i·C·bins ...]} as C×bins.
     */
    static void forEach(int[] rois, int channels, int bins, RoiKernel kernel, FloatTensorWriter out) {
        int tasks = (rois.length + ROIS_PER_TASK - 1) / ROIS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(task -> {
            float[] binMajor = new float[bins * channels];
            float[] channelMajor = new float[bins * channels];
            FloatBuffer writer = out.writer();
            int end = Math.min(rois.length, (task + 1) * ROIS_PER_TASK);
            for (int i = task * ROIS_PER_TASK; i < end; i++) {
                kernel.pool(rois[i], binMajor);
                transpose(binMajor, bins, channels, channelMajor);
                writer.put(rois[i] * channelMajor.length, channelMajor);
            }
        });
    }

    /** 0, 1, ..., k - 1. */
    static int[] all(int k) {
        return IntStream.range(0, k).toArray();
    }

    /** rows×cols → cols×rows. */
    private static void transpose(float[] in, int rows, int cols, float[] out) {
        for (int c = 0; c < cols; c++) {
            for (int r = 0, o = c * rows; r < rows; r++, o++) {
                out[o] = in[r * cols + c];
            }
        }
    }
}
