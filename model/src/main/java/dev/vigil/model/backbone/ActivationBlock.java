package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.model.engine.Scalars;
import java.util.function.UnaryOperator;

/** A parameterless element-wise activation module ({@code nn.ReLU}, {@code nn.Hardswish}, {@code nn.Hardsigmoid}). */
public final class ActivationBlock extends AbstractBlock {

    /** The activation functions torchvision's backbones use. */
    public enum Kind {
        RELU(Activation::relu),
        /** x·relu6(x + 3)/6. */
        HARDSWISH(x -> {
            try (NDArray gate = hardSigmoid(x)) {
                return x.mul(gate);
            }
        }),
        /** relu6(x + 3)/6. */
        HARDSIGMOID(ActivationBlock::hardSigmoid);

        private final UnaryOperator<NDArray> function;

        Kind(UnaryOperator<NDArray> function) {
            this.function = function;
        }

        public NDArray apply(NDArray x) {
            return function.apply(x);
        }
    }

    private static final float HARD_OFFSET = 3f;
    private static final float HARD_RANGE = 6f;

    private final Kind kind;

    public ActivationBlock(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    private static NDArray hardSigmoid(NDArray x) {
        try (NDArray shifted = x.add(HARD_OFFSET)) {
            return Scalars.divideInPlace(Activation.relu6(shifted), HARD_RANGE);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(kind.apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
