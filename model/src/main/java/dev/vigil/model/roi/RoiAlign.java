package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * RoIAlign (Mask R-CNN) with the semantics of {@code torchvision.ops.roi_align}: each RoI (scaled by
 * {@code spatialScale}, shifted by -0.5 when {@code aligned}) is split into outputHeight×outputWidth bins; each bin
 * averages gridH×gridW bilinear samples at the centres of a regular sub-grid, gridH = samplingRatio, or
 * ceil(roiHeight / outputHeight) when samplingRatio <= 0 (likewise for the width). Border rules as torchvision:
 * a sample with y < -1 or y > H (or x) contributes 0; otherwise coordinates below 0 are taken as 0 and samples past
 * the last row/column read the last one. Without {@code aligned}, RoIs smaller than 1×1 are grown to 1×1.
 *
 * <p>Sampling positions and weights are computed on the JVM (the RoIs carry no gradient, as in torchvision); the
 * pooling itself is one gather of feature rows and one batched weighted sum per chunk, so gradients reach the
 * features. Intermediate arrays live in the features' manager: run each batch in its own (sub-)manager. Stateless
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
    private static final int CORNERS = 4;

    public RoiAlign {
        Rois.checkPooling("RoIAlign", outputHeight, outputWidth, spatialScale);
    }

    @Override
    public NDArray apply(NDArray features, float[] rois) {
        Shape s = Rois.checkFeatures(features);
        int k = Rois.count(rois, (int) s.get(0));
        int height = (int) s.get(2);
        int width = (int) s.get(3);
        if (k == 0) {
            return features.getManager().zeros(new Shape(0, s.get(1), outputHeight, outputWidth));
        }
        Geometry[] geometry = new Geometry[k];
        int[] samplesPerRoi = new int[k];
        for (int i = 0; i < k; i++) {
            geometry[i] = geometry(rois, i);
            samplesPerRoi[i] = Math.max(geometry[i].gridH * geometry[i].gridW, 1) * CORNERS;
        }
        NDArray table = FeatureGather.table(features);
        int bins = outputHeight * outputWidth;
        return FeatureGather.inChunks(samplesPerRoi, bins, s.get(1), (from, to, samplesPerBin) -> {
            int chunkBins = (to - from) * bins;
            long[] rowIndex = new long[chunkBins * samplesPerBin];
            float[] weights = new float[chunkBins * samplesPerBin];
            for (int i = from; i < to; i++) {
                int firstSlot = (i - from) * bins * samplesPerBin;
                geometry[i].fill(outputHeight, outputWidth, height, width, rowIndex, weights, firstSlot, samplesPerBin);
            }
            NDArray rows = FeatureGather.gather(table, rowIndex, chunkBins, samplesPerBin);
            NDArray w = table.getManager().create(weights, new Shape(chunkBins, 1, samplesPerBin));
            NDArray pooled = w.matMul(rows);
            return FeatureGather.toRoiMajor(pooled, to - from, outputHeight, outputWidth);
        });
    }

    /** The RoI in feature coordinates, its bin size and sampling grid, in torchvision's float arithmetic. */
    private Geometry geometry(float[] rois, int i) {
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
        int gridH = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(roiHeight / outputHeight);
        int gridW = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(roiWidth / outputWidth);
        return new Geometry((int) rois[o], startH, startW, binH, binW, Math.max(gridH, 0), Math.max(gridW, 0));
    }

    private record Geometry(int batch, float startH, float startW, float binH, float binW, int gridH,
            int gridW) {

        /** Writes, bin after bin, the 4 corners of every sample with weight w / count; unused slots stay (0, 0). */
        void fill(int pooledHeight, int pooledWidth, int height, int width, long[] rowIndex, float[] weights,
                int firstSlot, int samplesPerBin) {
            float count = Math.max(gridH * gridW, 1);
            long imageRow = (long) batch * height * width;
            int slot = firstSlot;
            for (int ph = 0; ph < pooledHeight; ph++) {
                for (int pw = 0; pw < pooledWidth; pw++) {
                    int binSlot = slot;
                    for (int iy = 0; iy < gridH; iy++) {
                        float y = startH + ph * binH + (iy + .5f) * binH / gridH;
                        for (int ix = 0; ix < gridW; ix++) {
                            float x = startW + pw * binW + (ix + .5f) * binW / gridW;
                            slot = writeSample(y, x, height, width, imageRow, count, rowIndex, weights, slot);
                        }
                    }
                    slot = binSlot + samplesPerBin;
                }
            }
        }

        private static int writeSample(float y, float x, int height, int width, long imageRow, float count,
                long[] rowIndex, float[] weights, int slot) {
            if (!(y >= -1.0 && y <= height && x >= -1.0 && x <= width)) {
                return slot + CORNERS;
            }
            y = Math.max(y, 0f);
            x = Math.max(x, 0f);
            int yLow = (int) y;
            int xLow = (int) x;
            int yHigh;
            int xHigh;
            if (yLow >= height - 1) {
                yHigh = yLow = height - 1;
                y = yLow;
            } else {
                yHigh = yLow + 1;
            }
            if (xLow >= width - 1) {
                xHigh = xLow = width - 1;
                x = xLow;
            } else {
                xHigh = xLow + 1;
            }
            float ly = y - yLow;
            float lx = x - xLow;
            float hy = 1f - ly;
            float hx = 1f - lx;
            rowIndex[slot] = imageRow + (long) yLow * width + xLow;
            weights[slot] = hy * hx / count;
            rowIndex[slot + 1] = imageRow + (long) yLow * width + xHigh;
            weights[slot + 1] = hy * lx / count;
            rowIndex[slot + 2] = imageRow + (long) yHigh * width + xLow;
            weights[slot + 2] = ly * hx / count;
            rowIndex[slot + 3] = imageRow + (long) yHigh * width + xHigh;
            weights[slot + 3] = ly * lx / count;
            return slot + CORNERS;
        }
    }
}
