package dev.vigil.model.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * torch's {@code nn.ModuleList}: children named "0", "1", ...; as a block it applies child i to input i
 * (one input per child), which is how FPN uses its {@code inner_blocks} and {@code layer_blocks}.
 */
public final class ModuleList extends IndexedModules {

    /** Appends {@code block} under the next index and returns this. */
    public ModuleList add(Block block) {
        append(block);
        return this;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        requireOneInputPerChild(inputs.size());
        NDList outputs = new NDList(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            outputs.add(call(get(i), parameterStore, inputs.get(i), training, params));
        }
        return outputs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        requireOneInputPerChild(inputShapes.length);
        for (int i = 0; i < inputShapes.length; i++) {
            get(i).initialize(manager, dataType, inputShapes[i]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        requireOneInputPerChild(inputShapes.length);
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < inputShapes.length; i++) {
            shapes.addAll(List.of(get(i).getOutputShapes(new Shape[] {inputShapes[i]})));
        }
        return shapes.toArray(new Shape[0]);
    }

    private void requireOneInputPerChild(int inputs) {
        if (inputs != size()) {
            throw new IllegalArgumentException("ModuleList of " + size() + " modules got " + inputs + " inputs");
        }
    }
}
