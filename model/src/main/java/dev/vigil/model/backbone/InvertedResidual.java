package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.model.engine.Autograd;
import dev.vigil.model.engine.InferenceKernels;

/**
 * torchvision's MobileNetV3 {@code InvertedResidual}: {@code block} = [1×1 expand] → k×k depthwise/stride →
 * [squeeze-excitation] → 1×1 project (no activation), plus the input when {@link
 * InvertedResidualConfig#useResidual()}. Input (N, in, H, W) → output (N, out, H/stride, W/stride).
 */
public final class InvertedResidual extends TorchModule {

    /** SE squeeze width: _make_divisible(expanded / 4, 8). */
    private static final int SE_REDUCTION = 4;

    private boolean addThroughKernels;
    private final IndexedSequential block = new IndexedSequential();
    private final InvertedResidualConfig config;

    public InvertedResidual(InvertedResidualConfig config, float normEps) {
        this.config = config;
        ActivationBlock.Kind activation = config.activation();
        int expanded = config.expandedChannels();
        if (expanded != config.inputChannels()) {
            block.add(Conv2dNormActivation.normalized(config.inputChannels(), expanded, 1, 1, 1, normEps, activation));
        }
        block.add(Conv2dNormActivation.normalized(
                expanded, expanded, config.kernel(), config.stride(), expanded, normEps, activation));
        if (config.useSe()) {
            block.add(new SqueezeExcitation(
                    expanded,
                    MobileNetV3.makeDivisible(expanded / SE_REDUCTION),
                    ActivationBlock.Kind.RELU,
                    ActivationBlock.Kind.HARDSIGMOID));
        }
        block.add(Conv2dNormActivation.normalized(expanded, config.outChannels(), 1, 1, 1, normEps, null));
        addChildBlock("block", block);
    }

    /** For inference on the packed kernels ({@link ConvActivationFusion}): the residual addition runs there too. */
    void addThroughKernels() {
        addThroughKernels = true;
    }

    public InvertedResidualConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList result = block.forward(ps, inputs, training, params);
        if (config.useResidual()) {
            NDArray out = result.singletonOrThrow();
            if (addThroughKernels && !training && !Autograd.isOn()) {
                // the projection ran on a packed kernel, whose result only inference mode may update
                InferenceKernels.addInPlace(out, inputs.singletonOrThrow());
            } else {
                out.addi(inputs.singletonOrThrow());
            }
        }
        return result;
    }
}
