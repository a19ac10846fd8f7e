package dev.vigil.model.backbone;

/**
 * One row of MobileNetV3's inverted residual table (torchvision's {@code InvertedResidualConfig}, width 1.0,
 * no dilation): input, expanded and output channels, depthwise kernel, squeeze-excitation, hardswish or relu,
 * stride.
 */
public record InvertedResidualConfig(
        int inputChannels,
        int kernel,
        int expandedChannels,
        int outChannels,
        boolean useSe,
        boolean useHardswish,
        int stride) {

    public InvertedResidualConfig {
        if (stride < 1 || stride > 2) {
            throw new IllegalArgumentException("illegal stride value " + stride);
        }
    }

    /** Whether the block adds its input to its output (stride 1 and unchanged channels). */
    public boolean useResidual() {
        return stride == 1 && inputChannels == outChannels;
    }

    public ActivationBlock.Kind activation() {
        return useHardswish ? ActivationBlock.Kind.HARDSWISH : ActivationBlock.Kind.RELU;
    }
}
