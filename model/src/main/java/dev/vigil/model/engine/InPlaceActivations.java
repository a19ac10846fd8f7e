package dev.vigil.model.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;

/**
 * torch's in-place activations ({@code relu_}, {@code hardswish_}, {@code hardsigmoid_}) on DJL arrays: one pass
 * over the array and no new one, where DJL's {@code relu} allocates a result (on MobileNetV3-FPN's largest map,
 * 28 MB, whose fresh pages cost more than the pass itself) and has no hard activations at all. Same values as torch's
 * out-of-place kernels, bit for bit. DJL reaches them through the methods of a small TorchScript module, the resource
 * {@value #RESOURCE} written by {@code src/main/python/make_in_place_activations.py}; a call costs some tens of
 * microseconds more than a DJL op, so they pay on large arrays.
 *
 * <p>For inference only: they overwrite their argument, which therefore must be an array nobody else reads, and
 * they are not meant to be differentiated through.
 */
public final class InPlaceActivations {

    static final String RESOURCE = "in_place_activations.pt";

    private InPlaceActivations() {}

    /** max(x, 0) in place; returns {@code x}. */
    public static NDArray relu(NDArray x) {
        return apply("relu_", x);
    }

    /** x·min(max(x + 3, 0), 6)/6 in place; returns {@code x}. */
    public static NDArray hardswish(NDArray x) {
        return apply("hardswish_", x);
    }

    /** min(max(x + 3, 0), 6)/6 in place; returns {@code x}. */
    public static NDArray hardsigmoid(NDArray x) {
        return apply("hardsigmoid_", x);
    }

    private static NDArray apply(String method, NDArray x) {
        try (IValue argument = IValue.from((PtNDArray) x);
                IValue result = IValueUtils.runMethod(Module.INSTANCE, method, argument)) {
            return x;
        }
    }

    /** The TorchScript module, loaded once per process. */
    private static final class Module {
        static final PtSymbolBlock INSTANCE = TorchScriptResource.load(InPlaceActivations.class, RESOURCE);
    }
}
