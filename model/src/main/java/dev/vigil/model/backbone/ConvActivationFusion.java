package dev.vigil.model.backbone;

import ai.djl.nn.Block;
import dev.vigil.model.engine.Autograd;
import dev.vigil.model.engine.InferenceKernels;
import java.util.List;

/**
 * For inference: every {@link TorchConv2d} runs on libtorch's oneDNN kernel with a weight packed once
 * ({@link TorchConv2d#runFused}), and where an {@link ActivationBlock} follows it in a sequential (after a folded
 * batch norm, as in Conv2dNormActivation and the RPN head's conv + ReLU) the activation is applied inside that kernel
 * and the activation block passes its input through; residual blocks add their input through the kernels' module too
 * (a packed kernel's result is an inference tensor). Run it after {@link BatchNormFolding}:
 * {@code FasterRcnn.prepareForInference} does. Same values up to float rounding (oneDNN's own activation kernels).
 */
public final class ConvActivationFusion {

    private ConvActivationFusion() {}

    /** Fuses the tree's convs; returns how many took their activation in. */
    public static int fuseAll(Block root) {
        return Autograd.off(() -> fuse(root));
    }

    private static int fuse(Block block) {
        int fused = 0;
        if (block instanceof InvertedResidual residual) {
            residual.addThroughKernels();
        } else if (block instanceof Bottleneck residual) {
            residual.addThroughKernels();
        }
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) instanceof TorchConv2d conv) {
                ActivationBlock activation = block instanceof IndexedSequential ? activationAfter(children, i) : null;
                if (activation != null) {
                    conv.runFused(kernelActivation(activation.kind()));
                    activation.fuseIntoConv();
                    fused++;
                } else {
                    conv.runFused(InferenceKernels.Activation.NONE);
                }
            }
            fused += fuse(children.get(i));
        }
        return fused;
    }

    /** The activation block right after child i, past a folded batch norm; null if there is none. */
    private static ActivationBlock activationAfter(List<Block> children, int i) {
        int next = i + 1;
        if (next < children.size() && children.get(next) instanceof FrozenBatchNorm2d norm) {
            if (!norm.folded()) {
                return null;
            }
            next++;
        }
        return next < children.size() && children.get(next) instanceof ActivationBlock activation ? activation : null;
    }

    private static InferenceKernels.Activation kernelActivation(ActivationBlock.Kind kind) {
        return switch (kind) {
            case RELU -> InferenceKernels.Activation.RELU;
            case HARDSWISH -> InferenceKernels.Activation.HARDSWISH;
            case HARDSIGMOID -> InferenceKernels.Activation.HARDSIGMOID;
        };
    }
}
