package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * RoI max pooling of the paper (Fast R-CNN's RoI pooling layer) with the semantics of
 * {@code torchvision.ops.roi_pool}: RoI corners scaled by {@code spatialScale} and rounded half away from zero to
 * feature cells, the RoI (at least 1×1 cells, inclusive ends) split into outputHeight×outputWidth bins with
 * floor/ceil edges, clipped to the map; each bin takes the maximum, an empty bin gives 0.
 *
 * <p>Bin windows are computed on the JVM. On the {@link PoolingPath#DIFFERENTIABLE differentiable} path the pooling
 * is a gather of the window's feature rows (padded with a −FLT_MAX row, empty bins read a zero row) and a max whose
 * gradient goes to the first maximal cell, as torchvision's argmax; intermediate arrays live in the features'
 * manager. On the {@link PoolingPath#INFERENCE inference} path it is a loop over a channels-last JVM copy of the
 * features. Stateless and thread-safe.
 *
 * @param outputHeight bins per RoI vertically (PH), 7 in the paper
 * @param outputWidth bins per RoI horizontally (PW), 7 in the paper
 * @param spatialScale feature-map pixels per image pixel (1/16 for VGG-16 conv5_3)
 */
public record RoiPool(int outputHeight, int outputWidth, float spatialScale) implements RoiPooler {

    /** The paper's RoI pooling output: 7×7 for VGG-16. */
    public static final int PAPER_OUTPUT_SIZE = 7;

    public RoiPool {
        Rois.checkPooling("RoIPool", outputHeight, outputWidth, spatialScale);
    }

    /** The paper's 7×7 RoI pooling at {@code spatialScale}. */
    public static RoiPool paper(float spatialScale) {
        return new RoiPool(PAPER_OUTPUT_SIZE, PAPER_OUTPUT_SIZE, spatialScale);
    }

    @Override
    public NDArray apply(NDArray features, float[] rois, PoolingPath path) {
        return JvmPooling.apply(
                features,
                rois,
                path,
                outputHeight,
                outputWidth,
                (map, members, out) -> JvmPooling.forEach(
                        members,
                        map.channels(),
                        outputHeight * outputWidth,
                        (roi, bins) -> poolOneOnJvm(map, rois, roi, bins),
                        out),
                k -> poolWithEngineOps(features, rois, k));
    }

    /** torchvision's CPU loop for one RoI, channels innermost: per bin the maximum over its cells, 0 when empty. */
    private void poolOneOnJvm(ChannelsLastFeatures features, float[] rois, int roi, float[][] bins) {
        int[] windows = binWindows(rois, roi, features.height(), features.width());
        int image = (int) rois[roi * Rois.STRIDE];
        for (int bin = 0; bin < outputHeight * outputWidth; bin++) {
            int hStart = windows[4 * bin];
            int hEnd = windows[4 * bin + 1];
            int wStart = windows[4 * bin + 2];
            int wEnd = windows[4 * bin + 3];
            float[] max = bins[bin];
            Arrays.fill(max, hEnd <= hStart || wEnd <= wStart ? 0f : -Float.MAX_VALUE);
            for (int y = hStart; y < hEnd; y++) {
                for (int x = wStart; x < wEnd; x++) {
                    maxInto(max, features.channelsAt(features.pixel(image, y, x)));
                }
            }
        }
    }

    /** max[c] = max(max[c], v[c]) for every channel c. */
    private static void maxInto(float[] max, float[] v) {
        for (int c = 0; c < max.length; c++) {
            max[c] = Math.max(max[c], v[c]);
        }
    }

    private NDArray poolWithEngineOps(NDArray features, float[] rois, int k) {
        Shape s = features.getShape();
        int height = (int) s.get(2);
        int width = (int) s.get(3);
        long channels = s.get(1);
        int bins = outputHeight * outputWidth;
        int[][] windows = new int[k][];
        int[] samplesPerRoi = new int[k];
        for (int i = 0; i < k; i++) {
            windows[i] = binWindows(rois, i, height, width);
            samplesPerRoi[i] = largestWindow(windows[i]);
        }
        NDArray featureRows = FeatureGather.table(features);
        long zeroRow = featureRows.getShape().get(0);
        long lowestRow = zeroRow + 1;
        NDArray table = NDArrays.concat(
                new NDList(
                        featureRows,
                        features.getManager().zeros(new Shape(1, channels), features.getDataType()),
                        features.getManager().full(new Shape(1, channels), -Float.MAX_VALUE, features.getDataType())),
                0);
        return FeatureGather.inChunks(samplesPerRoi, bins, channels, (from, to, samplesPerBin) -> {
            int chunkBins = (to - from) * bins;
            long[] rowIndex = new long[chunkBins * samplesPerBin];
            int slot = 0;
            for (int i = from; i < to; i++) {
                long imageRow = (long) rois[i * Rois.STRIDE] * height * width;
                int[] w = windows[i];
                for (int bin = 0; bin < bins; bin++) {
                    int hStart = w[4 * bin];
                    int hEnd = w[4 * bin + 1];
                    int wStart = w[4 * bin + 2];
                    int wEnd = w[4 * bin + 3];
                    boolean empty = hEnd <= hStart || wEnd <= wStart;
                    int used = 0;
                    for (int y = hStart; y < hEnd; y++) {
                        for (int x = wStart; x < wEnd; x++) {
                            rowIndex[slot + used++] = imageRow + (long) y * width + x;
                        }
                    }
                    Arrays.fill(rowIndex, slot + used, slot + samplesPerBin, empty ? zeroRow : lowestRow);
                    slot += samplesPerBin;
                }
            }
            NDArray rows = FeatureGather.gather(table, rowIndex, chunkBins, samplesPerBin);
            NDArray firstMax = rows.argMax(1).expandDims(1);
            NDArray pooled = rows.gather(firstMax, 1);
            return FeatureGather.toRoiMajor(pooled, to - from, outputHeight, outputWidth);
        });
    }

    /** Per bin (hStart, hEnd, wStart, wEnd), ends exclusive, clipped to the map; torchvision's float arithmetic. */
    private int[] binWindows(float[] rois, int i, int height, int width) {
        int o = i * Rois.STRIDE;
        int startW = roundHalfAwayFromZero(rois[o + 1] * spatialScale);
        int startH = roundHalfAwayFromZero(rois[o + 2] * spatialScale);
        int endW = roundHalfAwayFromZero(rois[o + 3] * spatialScale);
        int endH = roundHalfAwayFromZero(rois[o + 4] * spatialScale);
        int roiWidth = Math.max(endW - startW + 1, 1);
        int roiHeight = Math.max(endH - startH + 1, 1);
        float binH = (float) roiHeight / outputHeight;
        float binW = (float) roiWidth / outputWidth;
        int[] windows = new int[outputHeight * outputWidth * 4];
        int o2 = 0;
        for (int ph = 0; ph < outputHeight; ph++) {
            int hStart = clamp((int) Math.floor(ph * binH) + startH, height);
            int hEnd = clamp((int) Math.ceil((ph + 1) * binH) + startH, height);
            for (int pw = 0; pw < outputWidth; pw++) {
                windows[o2++] = hStart;
                windows[o2++] = hEnd;
                windows[o2++] = clamp((int) Math.floor(pw * binW) + startW, width);
                windows[o2++] = clamp((int) Math.ceil((pw + 1) * binW) + startW, width);
            }
        }
        return windows;
    }

    private static int largestWindow(int[] windows) {
        int largest = 1;
        for (int b = 0; b < windows.length; b += 4) {
            int cells = Math.max(windows[b + 1] - windows[b], 0) * Math.max(windows[b + 3] - windows[b + 2], 0);
            largest = Math.max(largest, cells);
        }
        return largest;
    }

    private static int clamp(int v, int size) {
        return Math.min(Math.max(v, 0), size);
    }

    /** C's {@code round}: halves go away from zero (Java's Math.round sends -2.5 to -2). */
    static int roundHalfAwayFromZero(float v) {
        return (int) Math.copySign(Math.floor(Math.abs(v) + 0.5), v);
    }
}
