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
import dev.vigil.model.engine.Overwrite;

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
