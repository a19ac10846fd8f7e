package dev.vigil.model.backbone;

import dev.vigil.model.anchor.AnchorConfig;
import java.util.List;

/**
 * The paper's VGG-16 conv body: one map "0" (conv5_3) at stride 16 with the paper's 3 scales × 3 ratios. conv1_1 to
 * conv2_2 never train (the paper's section 3.2, after Fast R-CNN's 4.5), whatever the number of trainable layers.
 */
public final class Vgg16Spec implements BackboneSpec {

    public static final String NAME = "VGG16";

    /** conv1_1, conv1_2, conv2_1 and conv2_2 of torchvision's {@code vgg16().features}. */
    private static final List<String> CONV1_CONV2 = List.of("features.0.", "features.2.", "features.5.", "features.7.");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectionBackbone build() {
        return Backbones.vgg16();
    }

    @Override
    public List<FeatureMap> featureMaps() {
        return List.of(new FeatureMap("0", Vgg16ConvBody.FEATURE_STRIDE));
    }

    @Override
    public AnchorConfig defaultAnchors() {
        return AnchorConfig.paper();
    }

    @Override
    public List<String> frozenLayers(int trainableLayers) {
        return CONV1_CONV2;
    }

    @Override
    public List<String> defaultFrozenLayers() {
        return CONV1_CONV2;
    }
}
