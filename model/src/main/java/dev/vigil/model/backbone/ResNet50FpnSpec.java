package dev.vigil.model.backbone;

import dev.vigil.model.anchor.AnchorConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's {@code fasterrcnn_resnet50_fpn} backbone: ResNet-50 with an FPN over layer1..layer4, maps "0".."3"
 * at strides 4 to 32 and "pool" at 64, one anchor size per map (32 to 512).
 */
public final class ResNet50FpnSpec implements BackboneSpec {

    public static final String NAME = "RESNET50_FPN";

    /** ResNet's layers from the top, as torchvision's {@code trainable_backbone_layers} counts them. */
    private static final List<String> LAYERS_FROM_TOP = List.of("layer4", "layer3", "layer2", "layer1", "conv1");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectionBackbone build() {
        return Backbones.resnet50Fpn();
    }

    @Override
    public List<FeatureMap> featureMaps() {
        return List.of(
                new FeatureMap("0", 4),
                new FeatureMap("1", 8),
                new FeatureMap("2", 16),
                new FeatureMap("3", 32),
                new FeatureMap(LastLevelMaxPool.FEATURE_NAME, 64));
    }

    @Override
    public AnchorConfig defaultAnchors() {
        return AnchorConfig.oneSizePerLevel(AnchorConfig.FPN_SIZES);
    }

    /** The top {@code trainableLayers} of layer4, layer3, layer2, layer1, conv1 train; the rest and bn1 do not. */
    @Override
    public List<String> frozenLayers(int trainableLayers) {
        if (trainableLayers < 0 || trainableLayers > LAYERS_FROM_TOP.size()) {
            throw new IllegalArgumentException("ResNet trainable layers must be in [0, 5], got " + trainableLayers);
        }
        List<String> frozen = new ArrayList<>();
        for (String layer : LAYERS_FROM_TOP.subList(trainableLayers, LAYERS_FROM_TOP.size())) {
            frozen.add("body." + layer + ".");
        }
        if (trainableLayers < LAYERS_FROM_TOP.size()) {
            frozen.add("body.bn1.");
        }
        return frozen;
    }
}
