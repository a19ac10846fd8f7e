package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torchvision's {@code ops.misc.FrozenBatchNorm2d}: batch norm with fixed statistics and affine parameters,
 * y = x·scale + (bias − running_mean·scale) with scale = weight / √(running_var + eps). Its four buffers
 * {@code weight}, {@code bias}, {@code running_mean}, {@code running_var} (C) are non-trainable parameters.
 * Input and output (N, C, H, W).
 */
public final class FrozenBatchNorm2d extends AbstractBlock {

    /** torchvision's default eps for FrozenBatchNorm2d (and for nn.BatchNorm2d). */
    public static final float DEFAULT_EPS = 1e-5f;

    private final float eps;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private boolean folded;

    public FrozenBatchNorm2d(int channels) {
        this(channels, DEFAULT_EPS);
    }

    public FrozenBatchNorm2d(int channels, float eps) {
        this.eps = eps;
        Shape shape = new Shape(channels);
        weight = addParameter(buffer("weight", Parameter.Type.GAMMA, shape));
        bias = addParameter(buffer("bias", Parameter.Type.BETA, shape));
        runningMean = addParameter(buffer("running_mean", Parameter.Type.RUNNING_MEAN, shape));
        runningVar = addParameter(buffer("running_var", Parameter.Type.RUNNING_VAR, shape));
    }

    private static Parameter buffer(String name, Parameter.Type type, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(shape)
                .optRequiresGrad(false)
                .build();
    }

    public float eps() {
        return eps;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (folded) {
            return new NDList(x);
        }
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, x.getDevice(), training);
        NDArray mean = parameterStore.getValue(runningMean, x.getDevice(), training);
        NDArray var = parameterStore.getValue(runningVar, x.getDevice(), training);
        Shape perChannel = new Shape(1, w.size(), 1, 1);
        try (NDArray varEps = var.add(eps);
                NDArray std = varEps.sqrt();
                NDArray scale = w.div(std);
                NDArray meanScaled = mean.mul(scale);
                NDArray shift = b.sub(meanScaled);
                NDArray scale4 = scale.reshape(perChannel);
                NDArray shift4 = shift.reshape(perChannel)) {
            return new NDList(x.mul(scale4).addi(shift4));
        }
    }

    /**
     * Hands this layer's y = x·scale + shift to the conv before it and becomes the identity (inference only).
     */
    void foldInto(TorchConv2d conv) {
        if (folded) {
            throw new IllegalStateException("this batch norm is already folded");
        }
        NDArray w = weight.getArray();
        try (NDArray varEps = runningVar.getArray().add(eps);
                NDArray std = varEps.sqrt();
                NDArray scale = w.div(std);
                NDArray meanScaled = runningMean.getArray().mul(scale);
                NDArray shift = bias.getArray().sub(meanScaled)) {
            conv.foldAffine(scale, shift);
        }
        folded = true;
    }

    public boolean folded() {
        return folded;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
