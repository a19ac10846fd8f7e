package dev.vigil.model.backbone;

import java.util.List;

/**
 * A backbone for Faster R-CNN: input images (N, 3, H, W), normalized as torchvision's transform does; output
 * one feature map (N, {@link #outChannels()}, Hi, Wi) per name of {@link #featureMapNames()}, in that order.
 * It is added to the detector as child "backbone", so its state_dict keys start with "backbone.".
 */
public abstract class DetectionBackbone extends TorchModule {

    /** Channels of every output feature map (torchvision's {@code backbone.out_channels}). */
    public abstract int outChannels();

    /** Names of the output feature maps, as torchvision's OrderedDict keys ("0", "1", ..., "pool"). */
    public abstract List<String> featureMapNames();
}
