package dev.vigil.model.train;

import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.FasterRcnn;
import java.util.List;

/**
 * Parameter-key prefixes of the backbone layers kept fixed while training, as the backbone's
 * {@link dev.vigil.model.backbone.BackboneSpec} says: the paper's VGG-16 conv1–conv2, torchvision's
 * {@code trainable_backbone_layers} for its ResNet-50 and MobileNetV3 backbones (3 by default), nothing for the
 * compact models.
 */
public final class FrozenLayers {

    /** torchvision's default number of trainable backbone layers with pretrained weights. */
    public static final int TORCHVISION_TRAINABLE_LAYERS = 3;

    private FrozenLayers() {}

    /** The frozen prefixes of an architecture when only the top {@code trainable} layers of its backbone train. */
    public static List<String> forArchitecture(ArchitectureConfig config, int trainable) {
        return inModel(config.backboneSpec().frozenLayers(trainable));
    }

    /** The frozen prefixes when no number of trainable layers is asked for (VGG-16's conv1–conv2; else none). */
    public static List<String> defaults(ArchitectureConfig config) {
        return inModel(config.backboneSpec().defaultFrozenLayers());
    }

    private static List<String> inModel(List<String> backbonePrefixes) {
        return backbonePrefixes.stream()
                .map(prefix -> FasterRcnn.BACKBONE + "." + prefix)
                .toList();
    }
}
