package dev.vigil.model.detector;

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
        this.fc6 = addChildBlock("fc6", Linear.builder().setUnits(representationSize).build());
        this.fc7 = addChildBlock("fc7", Linear.builder().setUnits(representationSize).build());
    }

    public int representationSize() {
        return representationSize;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray pooled = inputs.singletonOrThrow();
        NDArray x = pooled.reshape(pooled.getShape().get(0), -1);
        x = layer(fc6, parameterStore, x, training, params);
        return new NDList(layer(fc7, parameterStore, x, training, params));
    }

    private NDArray layer(Linear fc, ParameterStore parameterStore, NDArray x, boolean training,
            PairList<String, Object> params) {
        NDArray y = Activation.relu(fc.forward(parameterStore, new NDList(x), training, params).singletonOrThrow());
        return training && dropoutRate > 0 ? Dropout.dropout(y, dropoutRate, true).singletonOrThrow() : y;
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
