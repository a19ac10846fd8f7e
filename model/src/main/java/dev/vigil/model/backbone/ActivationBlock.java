package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.model.engine.Autograd;
import dev.vigil.model.engine.Scalars;
import java.util.function.UnaryOperator;

/** A parameterless element-wise activation module ({@code nn.ReLU}, {@code nn.Hardswish}, {@code nn.Hardsigmoid}). */
public final class ActivationBlock extends AbstractBlock {

    /** The activation functions torchvision's backbones use. */
    public enum Kind {
        RELU(Activation::relu),
        /** x·relu6(x + 3)/6. */
        HARDSWISH(ActivationBlock::hardSwish),
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

    private static NDArray hardSwish(NDArray x) {
        if (Autograd.isOn()) {
            try (NDArray gate = hardSigmoid(x)) {
                return x.mul(gate);
            }
        }
        // torch's kernel, x·min(max(x + 3, 0), 6)/6, in one new array instead of four
        NDArray result = shiftedClamp(x);
        result.muli(x);
        return result.divi(HARD_RANGE);
    }

    private static NDArray hardSigmoid(NDArray x) {
        if (Autograd.isOn()) {
            // out of place, with constants that outlive the backward pass (see Scalars)
            try (NDArray shifted = x.add(HARD_OFFSET);
                    NDArray positive = Activation.relu(shifted)) {
                return Scalars.divideInPlace(Scalars.atMost(positive, HARD_RANGE), HARD_RANGE);
            }
        }
        return shiftedClamp(x).divi(HARD_RANGE);
    }

    /**
     * min(max(x + 3, 0), 6) computed as clamp(x, -3, 3) + 3, which rounds identically: inside the range both add 3
     * to the same x, outside it both give exactly 0 or 6.
     */
    private static NDArray shiftedClamp(NDArray x) {
        return x.clip(-HARD_OFFSET, HARD_OFFSET).addi(HARD_OFFSET);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(kind.apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
