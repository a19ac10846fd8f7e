package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.engine.FloatTensorWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * RoIAlign over a feature pyramid, as torchvision's {@code MultiScaleRoIAlign}: the feature maps named in
 * {@code featmapNames} (taken in the map's order); each level's scale inferred as the power of two nearest to
 * featureHeight / imageHeight (the largest image height of the batch); each RoI pooled from the level its size
 * maps to ({@link LevelMapper}), with aligned=false; results returned in the RoIs' original order. With one level
 * every RoI uses it. Scales are inferred on every call (torchvision caches the first call's).
 *
 * @param featmapNames names of the feature maps to pool from
 * @param outputHeight bins per RoI vertically (7 in torchvision's Faster R-CNN)
 * @param outputWidth bins per RoI horizontally (7)
 * @param samplingRatio samples per bin and axis (2), <= 0 for adaptive
 * @param canonicalScale the level mapper's s0 (224)
 * @param canonicalLevel the level mapper's k0 (4)
 * @param eps the level mapper's eps (1e-6)
 */
public record MultiScaleRoiAlign(
        List<String> featmapNames,
        int outputHeight,
        int outputWidth,
        int samplingRatio,
        int canonicalScale,
        int canonicalLevel,
        float eps) {

    /** torchvision's Faster R-CNN box pooling: 7×7. */
    public static final int OUTPUT_SIZE = 7;
    /** torchvision's Faster R-CNN sampling ratio: 2. */
    public static final int SAMPLING_RATIO = 2;
    /** torchvision's MultiScaleRoIAlign keeps the legacy (not half-pixel) RoIAlign. */
    public static final boolean ALIGNED = false;

    public MultiScaleRoiAlign {
        if (featmapNames == null || featmapNames.isEmpty()) {
            throw new IllegalArgumentException("MultiScaleRoiAlign needs at least one feature map name");
        }
        featmapNames = List.copyOf(featmapNames);
        // The ops these numbers configure validate them.
        new RoiAlign(outputHeight, outputWidth, 1f, samplingRatio, ALIGNED);
        new LevelMapper(0, 0, canonicalScale, canonicalLevel, eps);
    }

    /** torchvision's defaults (7×7, sampling ratio 2, canonical 224 / level 4, eps 1e-6) for these feature maps. */
    public static MultiScaleRoiAlign of(List<String> featmapNames) {
        return new MultiScaleRoiAlign(
                featmapNames,
                OUTPUT_SIZE,
                OUTPUT_SIZE,
                SAMPLING_RATIO,
                LevelMapper.CANONICAL_SCALE,
                LevelMapper.CANONICAL_LEVEL,
                LevelMapper.EPS);
    }

    /**
     * {@link #apply(Map, List, List, PoolingPath)} on the {@link PoolingPath#DIFFERENTIABLE differentiable} path.
     */
    public NDArray apply(Map<String, NDArray> features, List<float[]> boxesPerImage, List<int[]> imageSizes) {
        return apply(features, boxesPerImage, imageSizes, PoolingPath.DIFFERENTIABLE);
    }

    /**
     * @param features named feature maps N×C×Hi×Wi; those not in {@code featmapNames} are ignored
     * @param boxesPerImage per image K_i×4 boxes in pixels of the resized image
     * @param imageSizes per image {height, width} of the resized image
     * @param path engine ops that gradients pass through, or the JVM inference path (which copies only the levels
     *     that some RoI maps to); both give the same values
     * @return (Σ K_i)×C×PH×PW pooled features, image after image, box after box
     */
    public NDArray apply(
            Map<String, NDArray> features, List<float[]> boxesPerImage, List<int[]> imageSizes, PoolingPath path) {
        List<NDArray> levels = new ArrayList<>();
        for (Map.Entry<String, NDArray> entry : features.entrySet()) {
            if (featmapNames.contains(entry.getKey())) {
                levels.add(entry.getValue());
            }
        }
        if (levels.isEmpty()) {
            throw new IllegalArgumentException(
                    "none of the feature maps " + featmapNames + " is among " + features.keySet());
        }
        if (boxesPerImage.size() != levels.get(0).getShape().get(0)) {
            throw new IllegalArgumentException("got boxes for " + boxesPerImage.size() + " images but features for "
                    + levels.get(0).getShape().get(0));
        }
        float[] scales = scales(levels, imageSizes);
        float[] rois = Rois.fromBoxes(boxesPerImage);
        if (levels.size() == 1) {
            return roiAlign(scales[0]).apply(levels.get(0), rois, path);
        }
        int kMin = -exactLog2(scales[0]);
        int kMax = -exactLog2(scales[scales.length - 1]);
        int[] levelOfRoi = new LevelMapper(kMin, kMax, canonicalScale, canonicalLevel, eps).levels(boxesOf(rois));
        if (path == PoolingPath.INFERENCE) {
            return poolByLevelOnJvm(levels, scales, rois, levelOfRoi);
        }
        return poolByLevel(levels, scales, rois, levelOfRoi);
    }

    /** Each level with RoIs is copied to the JVM once; every RoI is written straight to its place in the result. */
    private NDArray poolByLevelOnJvm(List<NDArray> levels, float[] scales, float[] rois, int[] levelOfRoi) {
        Shape first = levels.get(0).getShape();
        Rois.count(rois, (int) first.get(0));
        FloatTensorWriter out = JvmPooling.allocate(
                levels.get(0).getManager(), levelOfRoi.length, first.get(1), outputHeight, outputWidth);
        for (int level = 0; level < levels.size(); level++) {
            int[] members = membersOf(levelOfRoi, level);
            if (members.length > 0) {
                NDArray map = levels.get(level);
                if (map.getShape().get(1) != first.get(1)) {
                    throw new IllegalArgumentException(
                            "feature maps must have the same channels, got " + first + " and " + map.getShape());
                }
                roiAlign(scales[level]).poolOnJvm(ChannelsLastFeatures.copyOf(map), rois, members, out);
            }
        }
        return out.toChannelsFirstView();
    }

    private NDArray poolByLevel(List<NDArray> levels, float[] scales, float[] rois, int[] levelOfRoi) {
        int k = levelOfRoi.length;
        NDList pooled = new NDList();
        long[] positionOfRoi = new long[k];
        int position = 0;
        for (int level = 0; level < levels.size(); level++) {
            int[] members = membersOf(levelOfRoi, level);
            if (members.length == 0) {
                continue;
            }
            for (int member : members) {
                positionOfRoi[member] = position++;
            }
            pooled.add(roiAlign(scales[level]).apply(levels.get(level), Rois.select(rois, members)));
        }
        if (pooled.isEmpty()) {
            long channels = levels.get(0).getShape().get(1);
            return levels.get(0).getManager().zeros(new Shape(0, channels, outputHeight, outputWidth));
        }
        NDArray byLevel = pooled.size() == 1 ? pooled.head() : NDArrays.concat(pooled, 0);
        return byLevel.get(byLevel.getManager().create(positionOfRoi));
    }

    private RoiAlign roiAlign(float scale) {
        return new RoiAlign(outputHeight, outputWidth, scale, samplingRatio, ALIGNED);
    }

    /** Per level the power of two nearest to featureHeight / max image height (torchvision's {@code _infer_scale}). */
    static float[] scales(List<NDArray> levels, List<int[]> imageSizes) {
        if (imageSizes == null || imageSizes.isEmpty()) {
            throw new IllegalArgumentException("imageSizes must not be empty");
        }
        int maxHeight = 0;
        for (int[] size : imageSizes) {
            maxHeight = Math.max(maxHeight, size[0]);
        }
        float[] scales = new float[levels.size()];
        for (int i = 0; i < scales.length; i++) {
            float approx = (float) ((double) levels.get(i).getShape().get(2) / maxHeight);
            scales[i] = (float) Math.pow(2, Math.rint(LevelMapper.log2(approx)));
        }
        return scales;
    }

    private static int exactLog2(float powerOfTwo) {
        return Math.getExponent(powerOfTwo);
    }

    private static int[] membersOf(int[] levelOfRoi, int level) {
        return IntStream.range(0, levelOfRoi.length)
                .filter(i -> levelOfRoi[i] == level)
                .toArray();
    }

    private static float[] boxesOf(float[] rois) {
        int k = rois.length / Rois.STRIDE;
        float[] boxes = new float[k * 4];
        for (int i = 0; i < k; i++) {
            System.arraycopy(rois, i * Rois.STRIDE + 1, boxes, i * 4, 4);
        }
        return boxes;
    }
}
