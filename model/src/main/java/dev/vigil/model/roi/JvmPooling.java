package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.engine.FloatTensorWriter;
import java.nio.FloatBuffer;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The driver of the {@link PoolingPath#INFERENCE JVM pooling path}: runs a per-RoI kernel over RoIs in parallel on
 * the common fork-join pool (the engine's own threads are idle meanwhile). A kernel writes a RoI bin after bin, one
 * array of C channels per bin (so that its loops over channels read and write arrays indexed from 0, see
 * {@link ChannelsLastFeatures}), and the driver writes those to the RoI's slice of the result as they are. The
 * result is therefore channels-last in memory: a K×C×PH×PW view of K×PH×PW×C values, which the box head's fc6 can
 * read without a transpose (see {@code TwoMlpHead#readChannelsLastInput}).
 */
final class JvmPooling {

    /** RoIs per parallel task: enough work to amortise a task, few enough to balance two to a few dozen cores. */
    static final int ROIS_PER_TASK = 16;

    /** Pools one RoI into {@code bins}, PH·PW arrays of C channels, every value overwritten. */
    @FunctionalInterface
    interface RoiKernel {
        void pool(int roi, float[][] bins);
    }

    /** Pools RoIs {@code members} of a RoI array into their slices of {@code out}. */
    @FunctionalInterface
    interface MembersKernel {
        void pool(ChannelsLastFeatures map, int[] members, FloatTensorWriter out);
    }

    private JvmPooling() {}

    /**
     * What every pooler does with a call: checks the inputs, gives an empty result for no RoIs, and pools every RoI
     * on the JVM at inference or with {@code engineOps} (given K) on the differentiable path.
     */
    static NDArray apply(
            NDArray features,
            float[] rois,
            PoolingPath path,
            int pooledHeight,
            int pooledWidth,
            MembersKernel jvm,
            IntFunction<NDArray> engineOps) {
        Shape s = Rois.checkFeatures(features);
        int k = Rois.count(rois, (int) s.get(0));
        if (k == 0) {
            return features.getManager().zeros(new Shape(0, s.get(1), pooledHeight, pooledWidth));
        }
        if (path == PoolingPath.INFERENCE) {
            return poolAll(features, k, pooledHeight, pooledWidth, (map, out) -> jvm.pool(map, all(k), out));
        }
        return engineOps.apply(k);
    }

    /**
     * Copies {@code features} to the JVM once, lets {@code pooling} fill a K×C×PH×PW result from it, and returns that
     * result in the features' manager.
     */
    static NDArray poolAll(
            NDArray features,
            int k,
            int pooledHeight,
            int pooledWidth,
            BiConsumer<ChannelsLastFeatures, FloatTensorWriter> pooling) {
        ChannelsLastFeatures map = ChannelsLastFeatures.copyOf(features);
        FloatTensorWriter out = allocate(features.getManager(), k, map.channels(), pooledHeight, pooledWidth);
        pooling.accept(map, out);
        return out.toChannelsFirstView();
    }

    /**
     * The memory for K RoIs' pooled features, K×PH×PW×C, to be filled by {@link #forEach}; its
     * {@link FloatTensorWriter#toChannelsFirstView} is the K×C×PH×PW result.
     */
    static FloatTensorWriter allocate(NDManager manager, int k, long channels, int pooledHeight, int pooledWidth) {
        return FloatTensorWriter.allocate(manager, new Shape(k, pooledHeight, pooledWidth, channels));
    }

    /**
     * Runs {@code kernel} for every RoI index in {@code rois} and writes RoI i to {@code out[i·bins·C ...]}.
     */
    static void forEach(int[] rois, int channels, int bins, RoiKernel kernel, FloatTensorWriter out) {
        int tasks = (rois.length + ROIS_PER_TASK - 1) / ROIS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(task -> {
            float[][] binValues = new float[bins][channels];
            FloatBuffer writer = out.writer();
            int end = Math.min(rois.length, (task + 1) * ROIS_PER_TASK);
            for (int i = task * ROIS_PER_TASK; i < end; i++) {
                kernel.pool(rois[i], binValues);
                for (int bin = 0; bin < bins; bin++) {
                    writer.put((rois[i] * bins + bin) * channels, binValues[bin]);
                }
            }
        });
    }

    /** 0, 1, ..., k - 1. */
    static int[] all(int k) {
        return IntStream.range(0, k).toArray();
    }
}
