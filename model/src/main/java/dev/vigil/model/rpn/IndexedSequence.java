package dev.vigil.model.rpn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A torch {@code nn.Sequential}: children named "0", "1", … (so state_dict keys such as {@code conv.0.0.weight}
 * resolve by walking child names), applied one after the other.
 */
final class IndexedSequence extends AbstractBlock {

    IndexedSequence(Block... blocks) {
        for (int i = 0; i < blocks.length; i++) {
            addChildBlock(Integer.toString(i), blocks[i]);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList current = inputs;
        for (Block block : children.values()) {
            current = block.forward(parameterStore, current, training, params);
        }
        return current;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] current = inputShapes;
        for (Block block : children.values()) {
            current = block.getOutputShapes(current);
        }
        return current;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] current = inputShapes;
        for (Block block : children.values()) {
            block.initialize(manager, dataType, current);
            current = block.getOutputShapes(current);
        }
    }
}
