package dev.vigil.model.detector;

import dev.vigil.model.backbone.FeaturePyramidNetwork;
import dev.vigil.model.io.StateDict;
import dev.vigil.model.io.TorchStateDictReader;
import dev.vigil.model.rpn.RpnHead;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a torchvision Faster R-CNN checkpoint ({@code torch.save(model.state_dict())}, e.g. the official COCO
 * weights) into keys of the current torchvision layout: checkpoints older than torchvision 0.13 name the RPN conv
 * {@code rpn.head.conv.weight}, now {@code rpn.head.conv.0.0.weight}, and the FPN's convs
 * {@code backbone.fpn.inner_blocks.0.weight}, now {@code backbone.fpn.inner_blocks.0.0.weight}. Modules whose recorded
 * version is current are left as they are.
 */
public final class TorchvisionWeights {

    private static final String FPN_PREFIX = "backbone.fpn";

    private TorchvisionWeights() {}

    public static StateDict read(Path checkpoint) throws IOException {
        StateDict stateDict = TorchStateDictReader.read(checkpoint);
        return RpnHead.upgradeLegacyKeys(
                FeaturePyramidNetwork.upgradeLegacyKeys(stateDict, FPN_PREFIX), RpnHead.MODULE_PREFIX);
    }
}
