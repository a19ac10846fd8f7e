package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A DJL block laid out like a torch {@code nn.Module}: children are added with {@code addChildBlock(name, ...)}
 * under torchvision's attribute names and parameters carry torch's names, so that a state_dict key such as
 * {@code layer1.0.conv1.weight} names a path through the tree (see {@code dev.vigil.model.io.StateDictLoader}).
 *
 * <p>By default children are initialized as a chain, each one taking the previous one's output, like
 * {@code nn.Sequential}; modules that branch override {@link #initializeChildBlocks} and {@link #getOutputShapes}.
 */
public abstract class TorchModule extends AbstractBlock {

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }

    /** Runs {@code blocks} one after the other on a single array, as torch code {@code c(b(a(x)))}. */
    protected static NDArray chain(
            ParameterStore parameterStore,
            NDArray input,
            boolean training,
            PairList<String, Object> params,
            Block... blocks) {
        NDArray x = input;
        for (Block block : blocks) {
            x = call(block, parameterStore, x, training, params);
        }
        return x;
    }

    /** Runs {@code child} on a single array and returns its single output. */
    protected static NDArray call(
            Block child,
            ParameterStore parameterStore,
            NDArray input,
            boolean training,
            PairList<String, Object> params) {
        return child.forward(parameterStore, new NDList(input), training, params)
                .singletonOrThrow();
    }
}
