package dev.vigil.model.train;

import dev.vigil.model.backbone.MobileNetV3;
import dev.vigil.model.detector.ArchitectureConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameter-key prefixes of backbone layers kept fixed while training: the paper's VGG-16 conv1–conv2, and
 * torchvision's {@code trainable_backbone_layers} for its ResNet-50 and MobileNetV3 backbones (3 by default).
 */
public final class FrozenLayers {

    /** The paper (section 3.2 / Fast R-CNN 4.5): VGG-16's conv1_1 to conv2_2 do not train. */
    public static final List<String> VGG16_CONV1_CONV2 =
            List.of("backbone.features.0.", "backbone.features.2.", "backbone.features.5.", "backbone.features.7.");
    /** torchvision's default number of trainable backbone layers with pretrained weights. */
    public static final int TORCHVISION_TRAINABLE_LAYERS = 3;

    private static final List<String> RESNET_LAYERS_FROM_TOP = List.of("layer4", "layer3", "layer2", "layer1", "conv1");

    private FrozenLayers() {}

    /**
     * The frozen prefixes of an architecture when only its top {@code trainable} backbone layers train (ResNet:
     * of layer4, layer3, layer2, layer1, conv1; MobileNetV3: of its stages), as torchvision's detection builders.
     * VGG-16 always freezes conv1–conv2, the compact model nothing.
     */
    public static List<String> forArchitecture(ArchitectureConfig config, int trainable) {
        return switch (config.backbone()) {
            case VGG16 -> VGG16_CONV1_CONV2;
            case VGG_COMPACT, VGG_COMPACT_BN -> List.of();
            case RESNET50_FPN -> resnet(trainable);
            case MOBILENET_V3_LARGE_FPN -> mobileNet(trainable);
        };
    }

    static List<String> resnet(int trainable) {
        if (trainable < 0 || trainable > RESNET_LAYERS_FROM_TOP.size()) {
            throw new IllegalArgumentException("ResNet trainable layers must be in [0, 5], got " + trainable);
        }
        List<String> frozen = new ArrayList<>();
        for (String layer : RESNET_LAYERS_FROM_TOP.subList(trainable, RESNET_LAYERS_FROM_TOP.size())) {
            frozen.add("backbone.body." + layer + ".");
        }
        if (trainable < RESNET_LAYERS_FROM_TOP.size()) {
            frozen.add("backbone.body.bn1.");
        }
        return frozen;
    }

    static List<String> mobileNet(int trainable) {
        List<Integer> stages = MobileNetV3.stageIndices(MobileNetV3.LARGE);
        int modules = MobileNetV3.LARGE.size() + 2;
        if (trainable < 0 || trainable > stages.size()) {
            throw new IllegalArgumentException(
                    "MobileNetV3 trainable layers must be in [0, " + stages.size() + "], got " + trainable);
        }
        int freezeBefore = trainable == 0 ? modules : stages.get(stages.size() - trainable);
        List<String> frozen = new ArrayList<>();
        for (int i = 0; i < freezeBefore; i++) {
            frozen.add("backbone.body." + i + ".");
        }
        return frozen;
    }
}
