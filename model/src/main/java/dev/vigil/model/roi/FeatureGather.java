package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Pooling by gathering feature vectors: the feature map N×C×H×W becomes a table of N·H·W rows of C values (row
 * (b·H + y)·W + x), optionally followed by constant rows; a pooling op lists, for every output bin, S rows to read,
 * and reduces them. RoIs are processed in chunks so that at most {@link #MAX_VALUES_PER_CHUNK} gathered values exist
 * at once; every step is an engine op, so gradients reach the feature map.
 */
final class FeatureGather {

    /** Upper bound on gathered floats per chunk (64 MiB). */
    static final long MAX_VALUES_PER_CHUNK = 1L << 24;

    /** Builds the row indices (and whatever else a chunk needs) for RoIs [from, to) and pools them. */
    @FunctionalInterface
    interface ChunkPooling {
        /** @return (to - from)×C×PH×PW pooled features */
        NDArray pool(int from, int to, int samplesPerBin);
    }

    private FeatureGather() {}

    /** N×C×H×W → (N·H·W)×C. */
    static NDArray table(NDArray features) {
        Shape s = features.getShape();
        return features.transpose(0, 2, 3, 1).reshape(s.get(0) * s.get(2) * s.get(3), s.get(1));
    }

    /**
     * Reads {@code rowIndex} (B·S entries) from the table as B×S×C.
     */
    static NDArray gather(NDArray table, long[] rowIndex, int bins, int samplesPerBin) {
        NDArray index = table.getManager().create(rowIndex);
        return table.get(index).reshape(bins, samplesPerBin, table.getShape().get(1));
    }

    /** B×C values of bins laid out (RoI, ph, pw) → RoIs×C×PH×PW. */
    static NDArray toRoiMajor(NDArray binValues, int rois, int pooledHeight, int pooledWidth) {
        long channels = binValues.getShape().get(binValues.getShape().dimension() - 1);
        return binValues.reshape(rois, pooledHeight, pooledWidth, channels).transpose(0, 3, 1, 2);
    }

    /**
     * Runs {@code pooling} over RoIs in chunks sized by the largest S of the chunk and concatenates the results.
     *
     * @param samplesPerRoi S of each RoI (rows per bin it needs)
     */
    static NDArray inChunks(int[] samplesPerRoi, int binsPerRoi, long channels, ChunkPooling pooling) {
        NDList parts = new NDList();
        int from = 0;
        while (from < samplesPerRoi.length) {
            int to = from;
            int samples = 1;
            while (to < samplesPerRoi.length) {
                int next = Math.max(samples, samplesPerRoi[to]);
                long values = (long) (to - from + 1) * binsPerRoi * next * channels;
                if (to > from && values > MAX_VALUES_PER_CHUNK) {
                    break;
                }
                samples = next;
                to++;
            }
            parts.add(pooling.pool(from, to, samples));
            from = to;
        }
        return parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
    }
}
