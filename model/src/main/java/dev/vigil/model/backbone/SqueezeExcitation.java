package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torchvision's {@code ops.SqueezeExcitation} as MobileNetV3 uses it: scale = hardsigmoid(fc2(relu(fc1(
 * avgpool(x))))), output x·scale, with fc1/fc2 1×1 convs. Input and output (N, C, H, W).
 */
public final class SqueezeExcitation extends TorchModule {

    private final TorchConv2d fc1;
    private final TorchConv2d fc2;
    private final ActivationBlock.Kind activation;
    private final ActivationBlock.Kind scaleActivation;

    public SqueezeExcitation(
            int channels, int squeezeChannels, ActivationBlock.Kind activation, ActivationBlock.Kind scaleActivation) {
        this.fc1 = addChildBlock(
                "fc1", TorchConv2d.builder(channels, squeezeChannels, 1).build());
        this.fc2 = addChildBlock(
                "fc2", TorchConv2d.builder(squeezeChannels, channels, 1).build());
        this.activation = activation;
        this.scaleActivation = scaleActivation;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return ScopedForward.run(inputs, in -> {
            NDArray x = in.singletonOrThrow();
            Shape pooled = new Shape(x.getShape().get(0), x.getShape().get(1), 1, 1);
            NDArray squeezed = call(fc1, ps, Pool.globalAvgPool2d(x).reshape(pooled), training, params);
            NDArray scale = scaleActivation.apply(call(fc2, ps, activation.apply(squeezed), training, params));
            return new NDList(scale.mul(x));
        });
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 1, 1);
        fc1.initialize(manager, dataType, pooled);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(new Shape[] {pooled}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
