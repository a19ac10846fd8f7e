package dev.vigil.model.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * torchvision's FPN extra block {@code LastLevelMaxPool}: appends max_pool2d(kernel 1, stride 2) of the last
 * pyramid level, named {@value #FEATURE_NAME}. Input: the pyramid levels; output: the same plus the pooled one.
 */
public final class LastLevelMaxPool extends AbstractBlock {

    /** The name torchvision gives the extra level. */
    public static final String FEATURE_NAME = "pool";

    private static final int KERNEL = 1;
    private static final int STRIDE = 2;

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList outputs = new NDList(inputs);
        outputs.add(Pool.maxPool2d(
                inputs.get(inputs.size() - 1),
                new Shape(KERNEL, KERNEL),
                new Shape(STRIDE, STRIDE),
                new Shape(0, 0),
                false));
        return outputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape last = inputShapes[inputShapes.length - 1];
        Shape[] shapes = Arrays.copyOf(inputShapes, inputShapes.length + 1);
        shapes[inputShapes.length] = new Shape(last.get(0), last.get(1), pooled(last.get(2)), pooled(last.get(3)));
        return shapes;
    }

    private static long pooled(long size) {
        return (size - KERNEL) / STRIDE + 1;
    }
}
