package dev.vigil.model.roiheads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.model.engine.Autograd;
import dev.vigil.model.engine.InPlaceActivations;
import dev.vigil.model.engine.InferenceKernels;
import dev.vigil.model.engine.Overwrite;
import java.util.Arrays;

/**
 * The box head: two fully connected layers with ReLU over each pooled RoI, as torchvision's {@code TwoMLPHead}
 * (children {@code fc6}, {@code fc7}; 1024 wide in the FPN models) and as the paper's VGG-16 fc6/fc7 (4096
 * wide, dropout 0.5 after each while training). Input K×C×PH×PW pooled features, output K×representation.
 */
public final class TwoMlpHead extends AbstractBlock {

    /** torchvision's {@code representation_size} for the FPN models. */
    public static final int TORCHVISION_REPRESENTATION_SIZE = 1024;
    /** VGG-16's fc6/fc7 width. */
    public static final int VGG16_REPRESENTATION_SIZE = 4096;
    /** VGG-16's dropout after fc6 and fc7 while training. */
    public static final float VGG16_DROPOUT = 0.5f;

    private final int representationSize;
    private final float dropoutRate;
    private final Linear fc6;
    private final Linear fc7;
    private boolean fc6ReadsChannelsLast;
    /** For inference: the kernel fc6 and fc7 run on (see {@link #usePackedKernel}); null: DJL's linear. */
    private PackedKernel packedKernel;
    /** fc6's and fc7's weights packed for {@link #packedKernel}, for the first call's count of rows; or null. */
    private NDArray[] packedWeights;

    private int packedRows;

    /** A kernel for the fully connected layers on a weight packed once. */
    public enum PackedKernel {
        /** MKL's GEMM ({@code mkl::_mkl_linear}), then the ReLU in place. */
        MKL,
        /** oneDNN's inner product with the ReLU fused in ({@code mkldnn::_linear_pointwise}). */
        ONEDNN
    }

    /**
     * @param representationSize width of fc6 and fc7
     * @param dropoutRate dropout probability after each layer while training (0 for none)
     */
    public TwoMlpHead(int representationSize, float dropoutRate) {
        if (representationSize <= 0 || dropoutRate < 0 || dropoutRate >= 1) {
            throw new IllegalArgumentException("need representationSize > 0 and dropout in [0, 1), got "
                    + representationSize + ", " + dropoutRate);
        }
        this.representationSize = representationSize;
        this.dropoutRate = dropoutRate;
        this.fc6 = addChildBlock(
                "fc6", Linear.builder().setUnits(representationSize).build());
        this.fc7 = addChildBlock(
                "fc7", Linear.builder().setUnits(representationSize).build());
    }

    public int representationSize() {
        return representationSize;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray pooled = inputs.singletonOrThrow();
        long k = pooled.getShape().get(0);
        // pooled features are channels-last in memory (both pooling paths write them so): this flattening is free
        NDArray x = fc6ReadsChannelsLast ? pooled.transpose(0, 2, 3, 1).reshape(k, -1) : pooled.reshape(k, -1);
        if (packedKernel != null && !training && !Autograd.isOn()) {
            return new NDList(packedLayers(x));
        }
        x = layer(fc6, parameterStore, x, training, params);
        return new NDList(layer(fc7, parameterStore, x, training, params));
    }

    /**
     * For inference only, like batch-norm folding: reorders fc6's input columns from the flattening of C×PH×PW
     * (torchvision's) to that of PH×PW×C, so that pooled features reach fc6 without a transpose. The head computes the
     * same function, up to float rounding in fc6's sums, but no longer holds its state_dict's fc6 weight: it must not
     * be trained or saved afterwards. Idempotent.
     *
     * @param channels C, the channels of the pooled features
     */
    public void readChannelsLastInput(long channels) {
        if (fc6ReadsChannelsLast) {
            return;
        }
        NDArray weight = fc6.getParameters().get("weight").getArray();
        long outputs = weight.getShape().get(0);
        long inputs = weight.getShape().get(1);
        if (channels <= 0 || inputs % channels != 0) {
            throw new IllegalArgumentException(
                    "fc6 takes " + inputs + " inputs, not a multiple of " + channels + " channels");
        }
        try (NDArray byChannel = weight.reshape(outputs, channels, inputs / channels);
                NDArray byBin = byChannel.transpose(0, 2, 1);
                NDArray reordered = byBin.reshape(outputs, inputs)) {
            Overwrite.with(weight, reordered);
        }
        fc6ReadsChannelsLast = true;
    }

    /**
     * For inference: fc6 and fc7 run on {@code kernel} with their weights packed once, at the first call, for its
     * count of rows (proposals), where DJL's linear has the GEMM pack the 51 MB fc6 weight at every call. Calls with
     * another count of rows run on the same packed weight (oneDNN) or on the plain one (MKL). Same values up to float
     * rounding.
     */
    public void usePackedKernel(PackedKernel kernel) {
        if (packedWeights != null) {
            Arrays.stream(packedWeights).forEach(NDArray::close);
            packedWeights = null;
        }
        packedKernel = kernel;
    }

    private NDArray packedLayers(NDArray x) {
        if (packedWeights == null) {
            packedRows = Math.toIntExact(x.getShape().get(0));
            packedWeights = new NDArray[] {pack(fc6, packedRows), pack(fc7, packedRows)};
        }
        try (NDArray hidden = packedLayer(fc6, packedWeights[0], x)) {
            return packedLayer(fc7, packedWeights[1], hidden);
        }
    }

    private NDArray pack(Linear fc, int rows) {
        NDArray weight = fc.getParameters().get("weight").getArray();
        return packedKernel == PackedKernel.MKL
                ? InferenceKernels.packLinearWeightForMkl(weight, rows)
                : InferenceKernels.packLinearWeightForOneDnn(weight, rows);
    }

    private NDArray packedLayer(Linear fc, NDArray packed, NDArray x) {
        NDArray weight = fc.getParameters().get("weight").getArray();
        NDArray bias = fc.getParameters().get("bias").getArray();
        if (packedKernel == PackedKernel.MKL) {
            return InPlaceActivations.relu(InferenceKernels.linearMkl(x, packed, weight, bias, packedRows));
        }
        return InferenceKernels.linearOneDnn(x, packed, bias, InferenceKernels.Activation.RELU);
    }

    private NDArray layer(
            Linear fc, ParameterStore parameterStore, NDArray x, boolean training, PairList<String, Object> params) {
        NDArray y = Activation.relu(
                fc.forward(parameterStore, new NDList(x), training, params).singletonOrThrow());
        return training && dropoutRate > 0
                ? Dropout.dropout(y, dropoutRate, true).singletonOrThrow()
                : y;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape flat = flatten(inputShapes[0]);
        fc6.initialize(manager, dataType, flat);
        fc7.initialize(manager, dataType, fc6.getOutputShapes(new Shape[] {flat}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), representationSize)};
    }

    private static Shape flatten(Shape shape) {
        return new Shape(shape.get(0), shape.size() / shape.get(0));
    }
}
