package dev.vigil.model.engine;

import ai.djl.ndarray.NDArray;

/**
 * Multiplication and division by a constant that autograd can differentiate safely. DJL's PyTorch
 * {@code mul(Number)} and {@code div(Number)} wrap the number in a tensor over a JVM direct buffer and close it as
 * soon as the op returns, while torch's backward keeps that tensor to compute the gradient: after the next garbage
 * collection it reads freed memory, and the gradients come out wrong at random (tiny, huge or infinite). Here the
 * constant belongs to the operand's manager, so it lives until that manager (the training step's scope) closes.
 */
public final class Scalars {

    private Scalars() {}

    /** {@code x · factor}, safe to back-propagate through. */
    public static NDArray times(NDArray x, float factor) {
        return x.mul(constantLike(x, factor));
    }

    /** {@code x / divisor}, safe to back-propagate through. */
    public static NDArray dividedBy(NDArray x, float divisor) {
        return x.div(constantLike(x, divisor));
    }

    /** {@code x / divisor} in place, safe to back-propagate through. */
    public static NDArray divideInPlace(NDArray x, float divisor) {
        return x.divi(constantLike(x, divisor));
    }

    /** {@code min(x, bound)} element-wise, safe to back-propagate through. */
    public static NDArray atMost(NDArray x, float bound) {
        return x.minimum(constantLike(x, bound));
    }

    private static NDArray constantLike(NDArray x, float value) {
        return x.getManager().create(value).toType(x.getDataType(), false);
    }
}
