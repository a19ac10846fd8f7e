package dev.vigil.model.backbone;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import dev.vigil.model.engine.Autograd;
import java.util.List;

/**
 * Folds every frozen batch norm into the convolution it follows (a {@link TorchConv2d} child immediately followed by
 * a {@link FrozenBatchNorm2d} sibling, as in every torchvision backbone): one pass over each feature map fewer per
 * layer at inference. The folded model computes the same function but no longer holds its state_dict's values, so
 * it must not be trained or saved; {@code Detector.load} folds the models it owns.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {}

    /** Folds the tree's conv + batch-norm pairs; returns how many. */
    public static int foldAll(Block root) {
        return Autograd.off(() -> fold(root));
    }

    private static int fold(Block block) {
        int folded = 0;
        List<Pair<String, Block>> children = block.getChildren().stream().toList();
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i).getValue();
            Block next = i + 1 < children.size() ? children.get(i + 1).getValue() : null;
            if (child instanceof TorchConv2d conv && next instanceof FrozenBatchNorm2d norm && !norm.folded()) {
                norm.foldInto(conv);
                folded++;
            }
            folded += fold(child);
        }
        return folded;
    }
}
