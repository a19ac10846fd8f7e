package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.model.engine.Autograd;
import dev.vigil.model.engine.InferenceKernels;

/**
 * torchvision's ResNet {@code Bottleneck} (v1.5: the stride sits on the 3×3 conv2): conv1 1×1 → bn1 → relu →
 * conv2 3×3/stride → bn2 → relu → conv3 1×1 (×4 channels) → bn3, plus the identity or {@code downsample}
 * ("0" 1×1/stride conv, "1" norm), then relu. Input (N, in, H, W) → output (N, 4·planes, H/stride, W/stride).
 */
public final class Bottleneck extends TorchModule {

    /** Output channels per {@code planes} (torchvision's {@code Bottleneck.expansion}). */
    public static final int EXPANSION = 4;

    private boolean addThroughKernels;
    private final TorchConv2d conv1;
    private final FrozenBatchNorm2d bn1;
    private final TorchConv2d conv2;
    private final FrozenBatchNorm2d bn2;
    private final TorchConv2d conv3;
    private final FrozenBatchNorm2d bn3;
    private final ActivationBlock relu;
    private final IndexedSequential downsample;

    /**
     * @param inChannels channels of the input
     * @param planes width of the 1×1 and 3×3 convs; the block outputs {@code EXPANSION·planes} channels
     * @param stride stride of conv2 and of the downsample conv
     * @param normEps eps of the frozen batch norms
     */
    public Bottleneck(int inChannels, int planes, int stride, float normEps) {
        int outChannels = planes * EXPANSION;
        conv1 = addChildBlock(
                "conv1", TorchConv2d.builder(inChannels, planes, 1).bias(false).build());
        bn1 = addChildBlock("bn1", new FrozenBatchNorm2d(planes, normEps));
        conv2 = addChildBlock(
                "conv2",
                TorchConv2d.builder(planes, planes, 3)
                        .stride(stride)
                        .padding(1)
                        .bias(false)
                        .build());
        bn2 = addChildBlock("bn2", new FrozenBatchNorm2d(planes, normEps));
        conv3 = addChildBlock(
                "conv3", TorchConv2d.builder(planes, outChannels, 1).bias(false).build());
        bn3 = addChildBlock("bn3", new FrozenBatchNorm2d(outChannels, normEps));
        relu = addChildBlock("relu", new ActivationBlock(ActivationBlock.Kind.RELU, true));
        downsample = stride != 1 || inChannels != outChannels
                ? addChildBlock(
                        "downsample",
                        new IndexedSequential()
                                .add(TorchConv2d.builder(inChannels, outChannels, 1)
                                        .stride(stride)
                                        .bias(false)
                                        .build())
                                .add(new FrozenBatchNorm2d(outChannels, normEps)))
                : null;
    }

    /** For inference on the packed kernels ({@link ConvActivationFusion}): the residual addition runs there too. */
    void addThroughKernels() {
        addThroughKernels = true;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return ScopedForward.run(inputs, in -> {
            NDArray x = in.singletonOrThrow();
            NDArray out = chain(ps, x, training, params, conv1, bn1, relu, conv2, bn2, relu, conv3, bn3);
            NDArray identity = downsample == null ? x : call(downsample, ps, x, training, params);
            // after ConvActivationFusion conv3 runs on a packed kernel, whose result only inference mode may update
            NDArray sum = addThroughKernels && !training && !Autograd.isOn()
                    ? InferenceKernels.addInPlace(out, identity)
                    : out.addi(identity);
            return new NDList(call(relu, ps, sum, training, params));
        });
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block block : new Block[] {conv1, bn1, conv2, bn2, conv3, bn3, relu}) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
        if (downsample != null) {
            downsample.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv3.getOutputShapes(conv2.getOutputShapes(conv1.getOutputShapes(inputShapes)));
    }
}
