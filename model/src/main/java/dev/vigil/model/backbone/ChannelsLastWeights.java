package dev.vigil.model.backbone;

import ai.djl.nn.Block;
import dev.vigil.model.engine.Autograd;

/**
 * Gives every {@link TorchConv2d} of a model its weight in channels-last memory for inference
 * ({@link TorchConv2d#useChannelsLastWeight}), the layout of the feature maps since the input batch
 * (docs/djl-pitfalls.md). Run it after {@link BatchNormFolding}; {@code FasterRcnn.prepareForInference} does both.
 */
public final class ChannelsLastWeights {

    private ChannelsLastWeights() {}

    /** Converts the convs of the tree; returns how many it visited. */
    public static int applyAll(Block root) {
        return Autograd.off(() -> apply(root));
    }

    private static int apply(Block block) {
        int convs = 0;
        if (block instanceof TorchConv2d conv) {
            conv.useChannelsLastWeight();
            convs++;
        }
        for (Block child : block.getChildren().values()) {
            convs += apply(child);
        }
        return convs;
    }
}
