package dev.vigil.model.backbone;

import dev.vigil.model.anchor.AnchorConfig;
import java.util.List;

/**
 * Everything the detector, its training and its tools know about one backbone, in one place (as detectron2's
 * registered backbones with their {@code output_shape()}, or torchvision's
 * {@code _resnet_fpn_extractor(backbone, trainable_layers)}): how to build it, the feature maps it returns and their
 * strides, the anchors that suit them, which layers stay fixed when only the top ones train, and the learning rate
 * it trains from scratch with. A model's {@code config.json} names its backbone by {@link #name()}.
 *
 * <p>A new backbone is one class implementing this interface, plus one line in {@link BackboneRegistry} (or a call to
 * {@link BackboneRegistry#register}); {@code ArchitectureConfig.forArch} then accepts its name, with torchvision's
 * numbers for the rest of the detector.
 */
public interface BackboneSpec {

    /** The base learning rate for training from scratch with 2 images per batch (0.01 diverged without batch norm). */
    float FROM_SCRATCH_LEARNING_RATE = 0.005f;

    /** The name {@code config.json} stores under {@code "backbone"}, e.g. {@code RESNET50_FPN}. */
    String name();

    /** A new module, uninitialized; its state_dict keys are torchvision's (see {@link DetectionBackbone}). */
    DetectionBackbone build();

    /**
     * The feature maps {@link #build()}'s module returns, in its order; the RPN puts one anchor level on each, so
     * {@link #defaultAnchors()} has one level per map.
     */
    List<FeatureMap> featureMaps();

    /** The maps the RoI heads pool from: all but torchvision's extra {@code "pool"} level, which is for the RPN. */
    default List<String> roiFeatureMaps() {
        return featureMaps().stream()
                .map(FeatureMap::name)
                .filter(name -> !name.equals(LastLevelMaxPool.FEATURE_NAME))
                .toList();
    }

    /** The anchors torchvision (or the paper) pairs with this backbone. */
    AnchorConfig defaultAnchors();

    /**
     * Parameter-key prefixes, relative to the backbone (e.g. {@code body.layer1.}), of the layers kept fixed when only
     * the top {@code trainableLayers} layers train, as torchvision's {@code trainable_backbone_layers}.
     *
     * @throws IllegalArgumentException when the backbone has no such number of layers
     */
    List<String> frozenLayers(int trainableLayers);

    /** What stays fixed when no number of trainable layers is asked for: nothing, unless the backbone's paper says so. */
    default List<String> defaultFrozenLayers() {
        return List.of();
    }

    /** The base learning rate for training from scratch with 2 images per batch. */
    default float fromScratchLearningRate() {
        return FROM_SCRATCH_LEARNING_RATE;
    }
}
