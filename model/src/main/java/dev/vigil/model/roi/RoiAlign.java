package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.engine.FloatTensorWriter;
import java.util.Arrays;

/**
 * RoIAlign (Mask R-CNN) with the semantics of {@code torchvision.ops.roi_align}: each RoI (scaled by
 * {@code spatialScale}, shifted by -0.5 when {@code aligned}) is split into outputHeight×outputWidth bins; each bin
 * averages gridH×gridW bilinear samples at the centres of a regular sub-grid, gridH = samplingRatio, or
 * ceil(roiHeight / outputHeight) when samplingRatio <= 0 (likewise for the width). Border rules as torchvision:
 * a sample with y < -1 or y > H (or x) contributes 0; otherwise coordinates below 0 are taken as 0 and samples past
 * the last row/column read the last one. Without {@code aligned}, RoIs smaller than 1×1 are grown to 1×1.
 *
 * <p>Which cells each bin reads, and with what weights, is computed on the JVM once per RoI ({@link AxisTaps}; the
 * RoIs carry no gradient, as in torchvision); the weights are the samples' bilinear weights summed per cell, so values
 * equal torchvision's up to float rounding. On the {@link PoolingPath#DIFFERENTIABLE differentiable} path the pooling
 * is one gather of feature rows and one batched weighted sum per chunk, so gradients reach the features; intermediate
 * arrays live in the features' manager: run each batch in its own (sub-)manager. On the
 * {@link PoolingPath#INFERENCE inference} path it is a loop over a channels-last JVM copy of the features. Stateless
 * and thread-safe.
 *
 * @param outputHeight bins per RoI vertically (PH)
 * @param outputWidth bins per RoI horizontally (PW)
 * @param spatialScale feature-map pixels per image pixel (e.g. 1/16)
 * @param samplingRatio samples per bin and axis; <= 0 for adaptive
 * @param aligned shift the RoI by half a pixel (torchvision aligned=True, ONNX half_pixel)
 */
public record RoiAlign(int outputHeight, int outputWidth, float spatialScale, int samplingRatio, boolean aligned)
        implements RoiPooler {

    /** Adaptive sampling grid (torchvision's default sampling_ratio -1). */
    public static final int ADAPTIVE_SAMPLING = -1;
    /** Taps summed per pass over a bin's channels. */
    private static final int TAPS_PER_PASS = 4;

    public RoiAlign {
        Rois.checkPooling("RoIAlign", outputHeight, outputWidth, spatialScale);
    }

    @Override
    public NDArray apply(NDArray features, float[] rois, PoolingPath path) {
        return JvmPooling.apply(
                features,
                rois,
                path,
                outputHeight,
                outputWidth,
                (map, members, out) -> poolOnJvm(map, rois, members, out),
                k -> poolWithEngineOps(features, rois, k));
    }

    /** The inference path: pools RoIs {@code members} of {@code rois} into their slices of {@code out}. */
    void poolOnJvm(ChannelsLastFeatures features, float[] rois, int[] members, FloatTensorWriter out) {
        JvmPooling.forEach(
                members,
                features.channels(),
                outputHeight * outputWidth,
                (roi, bins) -> poolOneOnJvm(features, geometry(rois, roi, features.height(), features.width()), bins),
                out);
    }

    /** One RoI, channels innermost: per bin, the weighted sum of its taps, four taps per pass over the channels. */
    private void poolOneOnJvm(ChannelsLastFeatures features, Geometry g, float[][] bins) {
        int[] position = new int[roundUpToGroup(g.maxTaps())];
        float[] weight = new float[position.length];
        CellPosition cells = (row, column) -> features.pixel(g.batch, row, column);
        for (int ph = 0; ph < outputHeight; ph++) {
            for (int pw = 0; pw < outputWidth; pw++) {
                float[] sum = bins[ph * outputWidth + pw];
                Arrays.fill(sum, 0f);
                int taps = g.taps(ph, pw, cells, position, weight);
                if (taps == 0) {
                    continue;
                }
                for (int t = taps; t < roundUpToGroup(taps); t++) {
                    position[t] = position[0];
                    weight[t] = 0f;
                }
                for (int t = 0; t < taps; t += TAPS_PER_PASS) {
                    addTaps(
                            features.channelsAt(position[t]),
                            features.channelsAt(position[t + 1]),
                            features.channelsAt(position[t + 2]),
                            features.channelsAt(position[t + 3]),
                            weight[t],
                            weight[t + 1],
                            weight[t + 2],
                            weight[t + 3],
                            sum);
                }
            }
        }
    }

    /** sum[c] += w1·v1[c] + w2·v2[c] + w3·v3[c] + w4·v4[c] for every channel c. */
    private static void addTaps(
            float[] v1, float[] v2, float[] v3, float[] v4, float w1, float w2, float w3, float w4, float[] sum) {
        for (int c = 0; c < sum.length; c++) {
            sum[c] += w1 * v1[c] + w2 * v2[c] + w3 * v3[c] + w4 * v4[c];
        }
    }

    private static int roundUpToGroup(int taps) {
        return (taps + TAPS_PER_PASS - 1) / TAPS_PER_PASS * TAPS_PER_PASS;
    }

    private NDArray poolWithEngineOps(NDArray features, float[] rois, int k) {
        Shape s = features.getShape();
        int height = (int) s.get(2);
        int width = (int) s.get(3);
        Geometry[] geometry = new Geometry[k];
        int[] tapsPerRoi = new int[k];
        for (int i = 0; i < k; i++) {
            geometry[i] = geometry(rois, i, height, width);
            tapsPerRoi[i] = Math.max(geometry[i].maxTaps(), 1);
        }
        NDArray table = FeatureGather.table(features);
        int bins = outputHeight * outputWidth;
        return FeatureGather.inChunks(tapsPerRoi, bins, s.get(1), (from, to, tapsPerBin) -> {
            int chunkBins = (to - from) * bins;
            long[] rowIndex = new long[chunkBins * tapsPerBin];
            float[] weights = new float[chunkBins * tapsPerBin];
            int[] position = new int[tapsPerBin];
            float[] weight = new float[tapsPerBin];
            CellPosition cells = (row, column) -> row * width + column;
            for (int i = from; i < to; i++) {
                Geometry g = geometry[i];
                long imageRow = (long) g.batch * height * width;
                for (int bin = 0; bin < bins; bin++) {
                    int taps = g.taps(bin / outputWidth, bin % outputWidth, cells, position, weight);
                    int slot = ((i - from) * bins + bin) * tapsPerBin;
                    for (int t = 0; t < taps; t++) {
                        rowIndex[slot + t] = imageRow + position[t];
                        weights[slot + t] = weight[t];
                    }
                }
            }
            NDArray rows = FeatureGather.gather(table, rowIndex, chunkBins, tapsPerBin);
            NDArray w = table.getManager().create(weights, new Shape(chunkBins, 1, tapsPerBin));
            NDArray pooled = w.matMul(rows);
            return FeatureGather.toRoiMajor(pooled, to - from, outputHeight, outputWidth);
        });
    }

    /** The RoI's sampling grid and taps on an H×W map, in torchvision's float arithmetic. */
    private Geometry geometry(float[] rois, int i, int height, int width) {
        int o = i * Rois.STRIDE;
        float offset = aligned ? 0.5f : 0f;
        float startW = rois[o + 1] * spatialScale - offset;
        float startH = rois[o + 2] * spatialScale - offset;
        float endW = rois[o + 3] * spatialScale - offset;
        float endH = rois[o + 4] * spatialScale - offset;
        float roiWidth = endW - startW;
        float roiHeight = endH - startH;
        if (!aligned) {
            roiWidth = Math.max(roiWidth, 1f);
            roiHeight = Math.max(roiHeight, 1f);
        }
        float binH = roiHeight / outputHeight;
        float binW = roiWidth / outputWidth;
        int gridH = Math.max(samplingRatio > 0 ? samplingRatio : (int) Math.ceil(roiHeight / outputHeight), 0);
        int gridW = Math.max(samplingRatio > 0 ? samplingRatio : (int) Math.ceil(roiWidth / outputWidth), 0);
        return new Geometry(
                (int) rois[o],
                Math.max(gridH * gridW, 1),
                AxisTaps.of(startH, binH, outputHeight, gridH, height),
                AxisTaps.of(startW, binW, outputWidth, gridW, width));
    }

    /** Where a (row, column) cell of the RoI's image is, in the array being read. */
    @FunctionalInterface
    private interface CellPosition {
        int of(int row, int column);
    }

    /**
     * @param batch the RoI's image
     * @param samples samples per bin (at least 1): a bin's sum is divided by this
     * @param rows per bin the rows read and their weights
     * @param columns per bin the columns read and their weights
     */
    private record Geometry(int batch, int samples, AxisTaps rows, AxisTaps columns) {

        /** The most (row, column) taps of any bin. */
        int maxTaps() {
            return rows.maxCount() * columns.maxCount();
        }

        /**
         * Writes bin (ph, pw)'s taps, every (row, column) pair with weight rowWeight · columnWeight / samples.
         *
         * @return the number of taps written
         */
        int taps(int ph, int pw, CellPosition cells, int[] position, float[] weight) {
            int n = 0;
            for (int r = rows.first()[ph]; r < rows.first()[ph + 1]; r++) {
                for (int c = columns.first()[pw]; c < columns.first()[pw + 1]; c++) {
                    position[n] = cells.of(rows.cell()[r], columns.cell()[c]);
                    weight[n++] = rows.weight()[r] * columns.weight()[c] / samples;
                }
            }
            return n;
        }
    }
}
