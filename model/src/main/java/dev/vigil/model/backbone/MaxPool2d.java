package dev.vigil.model.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** torch's {@code nn.MaxPool2d(kernel, stride, padding)} (floor mode; padding counts as −∞). */
public final class MaxPool2d extends AbstractBlock {

    private final int kernel;
    private final int stride;
    private final int padding;

    public MaxPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(Pool.maxPool2d(
                inputs.singletonOrThrow(),
                new Shape(kernel, kernel),
                new Shape(stride, stride),
                new Shape(padding, padding),
                false));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), outputSize(in.get(2)), outputSize(in.get(3)))};
    }

    private long outputSize(long size) {
        return Math.floorDiv(size + 2L * padding - kernel, stride) + 1;
    }
}
