package dev.vigil.model.backbone;

import ai.djl.training.initializer.Initializer;

/**
 * torchvision's {@code ops.misc.Conv2dNormActivation}: a sequential of "0" conv (padding (k−1)/2·d, bias only
 * without norm), "1" FrozenBatchNorm2d when normalized, then the activation when there is one.
 */
public final class Conv2dNormActivation extends IndexedSequential {

    private final int outChannels;

    private Conv2dNormActivation(TorchConv2d conv, int outChannels, Float normEps, ActivationBlock.Kind activation) {
        this.outChannels = outChannels;
        add(conv);
        if (normEps != null) {
            add(new FrozenBatchNorm2d(outChannels, normEps));
        }
        if (activation != null) {
            add(new ActivationBlock(activation, true));
        }
    }

    /** Conv (no bias) + FrozenBatchNorm2d + optional activation, as in MobileNetV3. */
    public static Conv2dNormActivation normalized(
            int in, int out, int kernel, int stride, int groups, float normEps, ActivationBlock.Kind activation) {
        TorchConv2d conv = TorchConv2d.builder(in, out, kernel)
                .stride(stride)
                .padding((kernel - 1) / 2)
                .groups(groups)
                .bias(false)
                .build();
        return new Conv2dNormActivation(conv, out, normEps, activation);
    }

    /** A lone conv with bias (norm_layer=None, activation_layer=None), as FPN's inner and layer blocks. */
    public static Conv2dNormActivation convOnly(int in, int out, int kernel, int padding, Initializer init) {
        TorchConv2d conv = TorchConv2d.builder(in, out, kernel)
                .padding(padding)
                .weightInitializer(init)
                .build();
        return new Conv2dNormActivation(conv, out, null, null);
    }

    public int outChannels() {
        return outChannels;
    }
}
