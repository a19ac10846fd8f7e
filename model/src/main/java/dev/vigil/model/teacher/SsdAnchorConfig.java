package dev.vigil.model.teacher;

import java.util.Arrays;

/**
 * The TF Object Detection API's {@code ssd_anchor_generator} settings ({@code create_ssd_anchors}): one square
 * feature map per layer; layer l has scale {@code minScale + (maxScale - minScale) l / (L - 1)} and one anchor per
 * aspect ratio, plus one of ratio {@code interpolatedScaleAspectRatio} at the geometric mean of its scale and the
 * next layer's (1 after the last). With {@code reduceBoxesInLowestLayer} the first layer has the three anchors
 * (0.1, 1), (scale, 2), (scale, 0.5) instead.
 *
 * @param featureMapSizes side of each layer's square feature map, finest first
 * @param minScale anchor scale of the first layer, as a fraction of the image side
 * @param maxScale anchor scale of the last layer
 * @param aspectRatios width / height of each layer's anchors, in output order
 * @param interpolatedScaleAspectRatio ratio of the extra anchor between two scales; 0 for none
 * @param reduceBoxesInLowestLayer whether the first layer has only the three fixed anchors
 */
public record SsdAnchorConfig(
        int[] featureMapSizes,
        float minScale,
        float maxScale,
        float[] aspectRatios,
        float interpolatedScaleAspectRatio,
        boolean reduceBoxesInLowestLayer) {

    /** Feature maps of SSD MobileNetV2 at 300×300 input: 19, 10, 5, 3, 2, 1. */
    private static final int[] MOBILENET_V2_FEATURE_MAP_SIZES = {19, 10, 5, 3, 2, 1};
    /** The API's default {@code min_scale}. */
    public static final float DEFAULT_MIN_SCALE = 0.2f;
    /** The API's default {@code max_scale}. */
    public static final float DEFAULT_MAX_SCALE = 0.95f;
    /** Aspect ratios of the API's SSD MobileNet configs, in their order. */
    private static final float[] DEFAULT_ASPECT_RATIOS = {1f, 2f, 0.5f, 3f, 1f / 3};
    /** The API's default {@code interpolated_scale_aspect_ratio}. */
    public static final float DEFAULT_INTERPOLATED_SCALE_ASPECT_RATIO = 1f;
    /** Scale of the first layer's smallest anchor when the lowest layer is reduced. */
    static final float LOWEST_LAYER_SMALL_SCALE = 0.1f;
    /** Aspect ratios of the reduced lowest layer: the small square, then the layer scale at 2 and 0.5. */
    static final float[] LOWEST_LAYER_ASPECT_RATIOS = {1f, 2f, 0.5f};

    public SsdAnchorConfig {
        if (featureMapSizes == null || featureMapSizes.length < 2) {
            throw new IllegalArgumentException(
                    "SSD anchors need at least 2 feature maps, got " + Arrays.toString(featureMapSizes));
        }
        for (int size : featureMapSizes) {
            if (size <= 0) {
                throw new IllegalArgumentException(
                        "feature map sizes must be positive, got " + Arrays.toString(featureMapSizes));
            }
        }
        if (!(minScale > 0 && maxScale >= minScale)) {
            throw new IllegalArgumentException(
                    "anchor scales need 0 < minScale <= maxScale, got " + minScale + " and " + maxScale);
        }
        if (aspectRatios == null || aspectRatios.length == 0) {
            throw new IllegalArgumentException("aspectRatios must not be empty");
        }
        for (float ratio : aspectRatios) {
            if (!(ratio > 0)) {
                throw new IllegalArgumentException(
                        "aspect ratios must be positive, got " + Arrays.toString(aspectRatios));
            }
        }
        if (!(interpolatedScaleAspectRatio >= 0)) {
            throw new IllegalArgumentException(
                    "interpolatedScaleAspectRatio must be >= 0 (0: none), got " + interpolatedScaleAspectRatio);
        }
        featureMapSizes = featureMapSizes.clone();
        aspectRatios = aspectRatios.clone();
    }

    /** The anchors of SSD MobileNetV2 at 300×300 (1917 of them). */
    public static SsdAnchorConfig mobileNetV2() {
        return new SsdAnchorConfig(
                MOBILENET_V2_FEATURE_MAP_SIZES,
                DEFAULT_MIN_SCALE,
                DEFAULT_MAX_SCALE,
                DEFAULT_ASPECT_RATIOS,
                DEFAULT_INTERPOLATED_SCALE_ASPECT_RATIO,
                true);
    }

    @Override
    public int[] featureMapSizes() {
        return featureMapSizes.clone();
    }

    @Override
    public float[] aspectRatios() {
        return aspectRatios.clone();
    }

    int layers() {
        return featureMapSizes.length;
    }

    int featureMapSize(int layer) {
        return featureMapSizes[layer];
    }

    /** Scale of layer {@code layer} (in double, as the API's Python); layer L (one past the last) has scale 1. */
    double scale(int layer) {
        if (layer >= layers()) {
            return 1;
        }
        return minScale + ((double) maxScale - minScale) * layer / (layers() - 1);
    }

    /** Anchors per feature map cell of {@code layer}. */
    int anchorsPerCell(int layer) {
        if (layer == 0 && reduceBoxesInLowestLayer) {
            return LOWEST_LAYER_ASPECT_RATIOS.length;
        }
        return aspectRatios.length + (interpolatedScaleAspectRatio > 0 ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SsdAnchorConfig c
                && Arrays.equals(featureMapSizes, c.featureMapSizes)
                && minScale == c.minScale
                && maxScale == c.maxScale
                && Arrays.equals(aspectRatios, c.aspectRatios)
                && interpolatedScaleAspectRatio == c.interpolatedScaleAspectRatio
                && reduceBoxesInLowestLayer == c.reduceBoxesInLowestLayer;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(featureMapSizes) + Arrays.hashCode(aspectRatios);
    }

    @Override
    public String toString() {
        return "SsdAnchorConfig[featureMapSizes=" + Arrays.toString(featureMapSizes) + ", minScale=" + minScale
                + ", maxScale=" + maxScale + ", aspectRatios=" + Arrays.toString(aspectRatios)
                + ", interpolatedScaleAspectRatio=" + interpolatedScaleAspectRatio + ", reduceBoxesInLowestLayer="
                + reduceBoxesInLowestLayer + "]";
    }
}
