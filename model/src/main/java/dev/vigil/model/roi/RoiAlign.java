package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * RoIAlign (Mask R-CNN) with the semantics of {@code torchvision.ops.roi_align}: each RoI (scaled by
 * {@code spatialScale}, shifted by -0.5 when {@code aligned}) is split into outputHeight×outputWidth bins; each bin
 * averages gridH×gridW bilinear samples at the centres of a regular sub-grid, gridH = samplingRatio, or
 * ceil(roiHeight / outputHeight) when samplingRatio <= 0 (likewise for the width). Border rules as torchvision:
 * a sample with y < -1 or y > H (or x) contributes 0; otherwise coordinates below 0 are taken as 0 and samples past
 * the last row/column read the last one. Without {@code aligned}, RoIs smaller than 1×1 are grown to 1×1.
 *
 * <p>Sampling positions and weights are computed on the JVM, once per RoI and axis (the RoIs carry no gradient, as
 * in torchvision). On the {@link PoolingPath#DIFFERENTIABLE differentiable} path the pooling is one gather of feature
 * rows and one batched weighted sum per chunk, so gradients reach the features; intermediate arrays live in the
 * features' manager: run each batch in its own (sub-)manager. On the {@link PoolingPath#INFERENCE inference} path it
 * is torchvision's CPU loop over a channels-last JVM copy of the features. Stateless and thread-safe.
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
    public NDArray apply(NDArray features, float[] rois, PoolingPath path) {
        Shape s = Rois.checkFeatures(features);
        int k = Rois.count(rois, (int) s.get(0));
        if (k == 0) {
            return features.getManager().zeros(new Shape(0, s.get(1), outputHeight, outputWidth));
        }
        if (path == PoolingPath.INFERENCE) {
            return JvmPooling.poolAll(features, k, outputHeight, outputWidth,
                    (map, out) -> poolOnJvm(map, rois, JvmPooling.all(k), out));
        }
        return poolWithEngineOps(features, rois, k);
    }

    /** The inference path: pools RoIs {@code members} of {@code rois} into their slices of {@code out}. */
    void poolOnJvm(ChannelsLastFeatures features, float[] rois, int[] members, PooledOutput out) {
        JvmPooling.forEach(members, features.channels(), outputHeight * outputWidth, (roi, binMajor) ->
                poolOneOnJvm(features, geometry(rois, roi, features.height(), features.width()), binMajor), out);
    }

    /** torchvision's CPU loop for one RoI, channels innermost: per bin, the mean of its samples' bilinear values. */
    private void poolOneOnJvm(ChannelsLastFeatures features, Geometry g, float[] binMajor) {
        int channels = features.channels();
        int rowStride = features.width() * channels;
        int image = features.pixel(g.batch, 0, 0);
        AxisSamples ys = g.ys;
        AxisSamples xs = g.xs;
        float count = g.count();
        Arrays.fill(binMajor, 0f);
        for (int ph = 0; ph < outputHeight; ph++) {
            for (int pw = 0; pw < outputWidth; pw++) {
                int bin = (ph * outputWidth + pw) * channels;
                for (int sy = ph * g.gridH; sy < (ph + 1) * g.gridH; sy++) {
                    if (!ys.inside()[sy]) {
                        continue;
                    }
                    int top = image + ys.low()[sy] * rowStride;
                    int bottom = image + ys.high()[sy] * rowStride;
                    float hy = ys.lowWeight()[sy];
                    float ly = ys.highWeight()[sy];
                    for (int sx = pw * g.gridW; sx < (pw + 1) * g.gridW; sx++) {
                        if (!xs.inside()[sx]) {
                            continue;
                        }
                        int left = xs.low()[sx] * channels;
                        int right = xs.high()[sx] * channels;
                        float hx = xs.lowWeight()[sx];
                        float lx = xs.highWeight()[sx];
                        addBilinear(features.values(), top + left, top + right, bottom + left, bottom + right,
                                hy * hx, hy * lx, ly * hx, ly * lx, binMajor, bin, channels);
                    }
                }
                for (int c = bin; c < bin + channels; c++) {
                    binMajor[c] /= count;
                }
            }
        }
    }

    /** sum[s + c] += w1·v[p1 + c] + w2·v[p2 + c] + w3·v[p3 + c] + w4·v[p4 + c] for every channel c. */
    private static void addBilinear(float[] v, int p1, int p2, int p3, int p4, float w1, float w2, float w3, float w4,
            float[] sum, int s, int channels) {
        for (int c = 0; c < channels; c++) {
            sum[s + c] += w1 * v[p1 + c] + w2 * v[p2 + c] + w3 * v[p3 + c] + w4 * v[p4 + c];
        }
    }

    private NDArray poolWithEngineOps(NDArray features, float[] rois, int k) {
        Shape s = features.getShape();
        int height = (int) s.get(2);
        int width = (int) s.get(3);
        Geometry[] geometry = new Geometry[k];
        int[] samplesPerRoi = new int[k];
        for (int i = 0; i < k; i++) {
            geometry[i] = geometry(rois, i, height, width);
            samplesPerRoi[i] = (int) geometry[i].count() * CORNERS;
        }
        NDArray table = FeatureGather.table(features);
        int bins = outputHeight * outputWidth;
        return FeatureGather.inChunks(samplesPerRoi, bins, s.get(1), (from, to, samplesPerBin) -> {
            int chunkBins = (to - from) * bins;
            long[] rowIndex = new long[chunkBins * samplesPerBin];
            float[] weights = new float[chunkBins * samplesPerBin];
            for (int i = from; i < to; i++) {
                int firstSlot = (i - from) * bins * samplesPerBin;
                geometry[i].fill(outputHeight, outputWidth, height, width, rowIndex, weights, firstSlot,
                        samplesPerBin);
            }
            NDArray rows = FeatureGather.gather(table, rowIndex, chunkBins, samplesPerBin);
            NDArray w = table.getManager().create(weights, new Shape(chunkBins, 1, samplesPerBin));
            NDArray pooled = w.matMul(rows);
            return FeatureGather.toRoiMajor(pooled, to - from, outputHeight, outputWidth);
        });
    }

    /** The RoI's sampling grid and sample points on an H×W map, in torchvision's float arithmetic. */
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
        return new Geometry((int) rois[o], gridH, gridW, AxisSamples.of(startH, binH, outputHeight, gridH, height),
                AxisSamples.of(startW, binW, outputWidth, gridW, width));
    }

    /**
     * @param batch the RoI's image
     * @param gridH samples per bin vertically
     * @param gridW samples per bin horizontally
     * @param ys the PH·gridH sample rows
     * @param xs the PW·gridW sample columns
     */
    private record Geometry(int batch, int gridH, int gridW, AxisSamples ys, AxisSamples xs) {

        /** Samples per bin, at least 1: a bin's sum is divided by this. */
        float count() {
            return Math.max(gridH * gridW, 1);
        }

        /** Writes, bin after bin, the 4 corners of every sample with weight w / count; unused slots stay (0, 0). */
        void fill(int pooledHeight, int pooledWidth, int height, int width, long[] rowIndex, float[] weights,
                int firstSlot, int samplesPerBin) {
            float count = count();
            long imageRow = (long) batch * height * width;
            for (int ph = 0; ph < pooledHeight; ph++) {
                for (int pw = 0; pw < pooledWidth; pw++) {
                    int slot = firstSlot + (ph * pooledWidth + pw) * samplesPerBin;
                    for (int sy = ph * gridH; sy < (ph + 1) * gridH; sy++) {
                        for (int sx = pw * gridW; sx < (pw + 1) * gridW; sx++) {
                            if (ys.inside()[sy] && xs.inside()[sx]) {
                                long top = imageRow + (long) ys.low()[sy] * width;
                                long bottom = imageRow + (long) ys.high()[sy] * width;
                                float hy = ys.lowWeight()[sy];
                                float ly = ys.highWeight()[sy];
                                float hx = xs.lowWeight()[sx];
                                float lx = xs.highWeight()[sx];
                                rowIndex[slot] = top + xs.low()[sx];
                                weights[slot] = hy * hx / count;
                                rowIndex[slot + 1] = top + xs.high()[sx];
                                weights[slot + 1] = hy * lx / count;
                                rowIndex[slot + 2] = bottom + xs.low()[sx];
                                weights[slot + 2] = ly * hx / count;
                                rowIndex[slot + 3] = bottom + xs.high()[sx];
                                weights[slot + 3] = ly * lx / count;
                            }
                            slot += CORNERS;
                        }
                    }
                }
            }
        }
    }
}
