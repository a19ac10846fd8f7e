package dev.vigil.model.roi;

import dev.vigil.model.image.ImageSize;
import java.util.ArrayList;
import java.util.List;

/**
 * How a fixed-size feature is taken from each proposal.
 *
 * @param method RoIAlign over the pyramid (torchvision) or RoI max pooling on one map (the paper)
 * @param featureMaps names of the feature maps pooled from
 * @param outputSize bins per side (7)
 * @param samplingRatio RoIAlign samples per bin and axis (2)
 * @param spatialScale RoI pooling's feature-map pixels per image pixel (1/16 for conv5_3)
 */
public record RoiPoolConfig(
        Method method, List<String> featureMaps, int outputSize, int samplingRatio, float spatialScale) {

    /** The two poolers. */
    public enum Method {
        MULTI_SCALE_ROI_ALIGN,
        ROI_POOL
    }

    /** The paper's VGG-16 feature stride. */
    public static final float PAPER_SPATIAL_SCALE = 1f / 16;

    public RoiPoolConfig {
        featureMaps = List.copyOf(featureMaps);
        if (method == Method.ROI_POOL && featureMaps.size() != 1) {
            throw new IllegalArgumentException("RoI pooling reads one feature map, got " + featureMaps);
        }
    }

    /** torchvision's {@code MultiScaleRoIAlign(featureMaps, 7, 2)}. */
    public static RoiPoolConfig multiScaleRoiAlign(List<String> featureMaps) {
        return new RoiPoolConfig(
                Method.MULTI_SCALE_ROI_ALIGN,
                featureMaps,
                MultiScaleRoiAlign.OUTPUT_SIZE,
                MultiScaleRoiAlign.SAMPLING_RATIO,
                0f);
    }

    /** The paper's 7×7 RoI pooling on conv5_3 (map "0"). */
    public static RoiPoolConfig paper() {
        return new RoiPoolConfig(Method.ROI_POOL, List.of("0"), RoiPool.PAPER_OUTPUT_SIZE, 0, PAPER_SPATIAL_SCALE);
    }

    public RoiFeaturePooler toPooler() {
        if (method == Method.ROI_POOL) {
            RoiPool roiPool = new RoiPool(outputSize, outputSize, spatialScale);
            String map = featureMaps.get(0);
            return (features, proposals, imageSizes, path) ->
                    roiPool.apply(features.get(map), Rois.fromBoxes(proposals), path);
        }
        MultiScaleRoiAlign defaults = MultiScaleRoiAlign.of(featureMaps);
        MultiScaleRoiAlign align = new MultiScaleRoiAlign(
                featureMaps,
                outputSize,
                outputSize,
                samplingRatio,
                defaults.canonicalScale(),
                defaults.canonicalLevel(),
                defaults.eps());
        return (features, proposals, imageSizes, path) ->
                align.apply(features, proposals, heightWidth(imageSizes), path);
    }

    /** Features per RoI of a map with {@code channels} channels: C·PH·PW. */
    public long pooledFeatures(long channels) {
        return channels * outputSize * outputSize;
    }

    /** Image sizes as the roi package takes them. */
    public static List<int[]> heightWidth(List<ImageSize> sizes) {
        List<int[]> list = new ArrayList<>(sizes.size());
        sizes.forEach(s -> list.add(new int[] {s.height(), s.width()}));
        return list;
    }
}
