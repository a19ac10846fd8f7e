package dev.vigil.model.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Writes new values into an existing array in place, as torch's {@code copy_} under {@code no_grad}: the array keeps
 * its identity (a block's parameter stays the same object), device and gradient flag. Not DJL's
 * {@code NDArray.set(Buffer)} nor {@code copyTo}: on the PyTorch engine those go through libtorch's deprecated
 * {@code AutoNonVariableTypeMode}, which prints a deprecation warning on stderr that no logging setting silences.
 */
public final class Overwrite {

    private static final NDIndex EVERY_ELEMENT = new NDIndex("...");

    private Overwrite() {}

    /** Copies {@code values} (same shape) into {@code target}. */
    public static void with(NDArray target, NDArray values) {
        if (!target.getShape().equals(values.getShape())) {
            throw new IllegalArgumentException(
                    "cannot overwrite an array of " + target.getShape() + " with values of " + values.getShape());
        }
        Autograd.off(() -> {
            target.set(EVERY_ELEMENT, values);
            return null;
        });
    }

    /** Copies {@code values} (as many as {@code target} holds, in row-major order) into {@code target}. */
    public static void with(NDArray target, float[] values) {
        try (NDArray array = target.getManager().create(values, target.getShape())) {
            with(target, array);
        }
    }
}
