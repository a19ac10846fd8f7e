package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.model.engine.Autograd;
import dev.vigil.model.engine.InPlaceActivations;
import dev.vigil.model.engine.Scalars;
import java.util.function.UnaryOperator;

/**
 * A parameterless element-wise activation module ({@code nn.ReLU}, {@code nn.Hardswish}, {@code nn.Hardsigmoid}).
 * Built in place, as torchvision builds most of its activations ({@code inplace=True}), it overwrites its input at
 * inference ({@link InPlaceActivations}): the input must then be an intermediate nobody else reads, as it is after
 * the conv or batch norm it follows. With autograd on it always computes a new array.
 */
public final class ActivationBlock extends AbstractBlock {

    /** The activation functions torchvision's backbones use. */
    public enum Kind {
        RELU(Activation::relu, InPlaceActivations::relu),
        /** x·relu6(x + 3)/6. */
        HARDSWISH(ActivationBlock::hardSwish, InPlaceActivations::hardswish),
        /** relu6(x + 3)/6. */
        HARDSIGMOID(ActivationBlock::hardSigmoid, InPlaceActivations::hardsigmoid);

        private final UnaryOperator<NDArray> function;
        private final UnaryOperator<NDArray> inPlace;

        Kind(UnaryOperator<NDArray> function, UnaryOperator<NDArray> inPlace) {
            this.function = function;
            this.inPlace = inPlace;
        }

        /** The activation of {@code x}, a new array. */
        public NDArray apply(NDArray x) {
            return function.apply(x);
        }

        /** The activation written over {@code x}, for inference; returns {@code x}. */
        public NDArray applyInPlace(NDArray x) {
            return inPlace.apply(x);
        }
    }

    private static final float HARD_OFFSET = 3f;
    private static final float HARD_RANGE = 6f;

    private final Kind kind;
    private final boolean inPlace;
    /** At inference the conv before this block applies the activation (see {@link ConvActivationFusion}). */
    private boolean fusedIntoConv;

    /** An activation that computes a new array, as torch's {@code inplace=False}. */
    public ActivationBlock(Kind kind) {
        this(kind, false);
    }

    /** @param inPlace whether it overwrites its input at inference, as torch's {@code inplace=True} */
    public ActivationBlock(Kind kind, boolean inPlace) {
        this.kind = kind;
        this.inPlace = inPlace;
    }

    public Kind kind() {
        return kind;
    }

    /** For inference: the conv before this block applies the activation; this block passes its input through. */
    void fuseIntoConv() {
        fusedIntoConv = true;
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
        NDArray x = inputs.singletonOrThrow();
        if (fusedIntoConv && !training && !Autograd.isOn()) {
            return new NDList(x);
        }
        return new NDList(inPlace && !training && !Autograd.isOn() ? kind.applyInPlace(x) : kind.apply(x));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
