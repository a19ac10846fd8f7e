package dev.vigil.model.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;

/**
 * libtorch's inference kernels for the CPU that DJL has no call for, as torch.compile's CPU backend uses them on a
 * frozen model: oneDNN convolutions with the following activation fused in and their weight pre-packed once in
 * oneDNN's blocked layout, and fully connected layers on a weight pre-packed once (for MKL's GEMM, or for oneDNN's inner
 * product with the ReLU fused). Reached through the methods of a TorchScript module, the resource {@value #RESOURCE}
 * written by {@code src/main/python/make_inference_kernels.py}. For inference only: no autograd through them.
 *
 * <p>A packed weight is a tensor in oneDNN's or MKL's own layout: hand it only to the matching kernel here. The
 * results are inference tensors (DJL runs the module's methods in inference mode): update them in place only through
 * this class ({@link #addInPlace}) or {@link InPlaceActivations}.
 */
public final class InferenceKernels {

    static final String RESOURCE = "inference_kernels.pt";

    /** The activation a fused convolution applies to its output. */
    public enum Activation {
        NONE("none"),
        RELU("relu"),
        HARDSWISH("hardswish"),
        HARDSIGMOID("hardsigmoid");

        private final String attribute;

        Activation(String attribute) {
            this.attribute = attribute;
        }
    }

    private InferenceKernels() {}

    /**
     * A 2-D convolution's weight (out × in/groups × k × k) packed for oneDNN and for inputs of the given N×C×H×W size,
     * attached to the weight's manager.
     */
    public static NDArray packConvolutionWeight(
            NDArray weight, int padding, int stride, int dilation, int groups, long[] inputSize) {
        try (IValue w = IValue.from((PtNDArray) weight);
                IValue p = IValue.from(padding);
                IValue s = IValue.from(stride);
                IValue d = IValue.from(dilation);
                IValue g = IValue.from(groups);
                IValue size = IValue.listFrom(inputSize)) {
            return run(weight.getManager(), "pack_conv", w, p, s, d, g, size);
        }
    }

    /**
     * activation(conv2d(x, weight) + bias) for a weight from {@link #packConvolutionWeight} (or a plain one); a new
     * array in x's manager, channels-last when x is.
     */
    public static NDArray convolution(
            NDArray x,
            NDArray weight,
            NDArray bias,
            int padding,
            int stride,
            int dilation,
            int groups,
            Activation activation) {
        try (IValue in = IValue.from((PtNDArray) x);
                IValue w = IValue.from((PtNDArray) weight);
                IValue b = IValue.from((PtNDArray) bias);
                IValue p = IValue.from(padding);
                IValue s = IValue.from(stride);
                IValue d = IValue.from(dilation);
                IValue g = IValue.from(groups);
                IValue attr = IValue.from(activation.attribute)) {
            return run(x.getManager(), "conv", in, w, b, p, s, d, g, attr);
        }
    }

    /**
     * x += y, in inference mode: the results of these kernels are inference tensors, which DJL's own in-place ops
     * (outside inference mode) refuse to update; returns {@code x}.
     */
    public static NDArray addInPlace(NDArray x, NDArray y) {
        try (IValue a = IValue.from((PtNDArray) x);
                IValue b = IValue.from((PtNDArray) y);
                IValue result = IValueUtils.runMethod(Module.INSTANCE, "add_", a, b)) {
            return x;
        }
    }

    /** A fully connected layer's weight (out × in) packed for MKL's GEMM with {@code rows} rows of input. */
    public static NDArray packLinearWeightForMkl(NDArray weight, int rows) {
        try (IValue w = IValue.from((PtNDArray) weight);
                IValue batch = IValue.from(rows)) {
            return run(weight.getManager(), "pack_linear_mkl", w, batch);
        }
    }

    /**
     * x·weightᵀ + bias by MKL on {@code packed} (from {@link #packLinearWeightForMkl} with this many rows; with other
     * rows it falls back to the plain weight).
     */
    public static NDArray linearMkl(NDArray x, NDArray packed, NDArray weight, NDArray bias, int rows) {
        try (IValue in = IValue.from((PtNDArray) x);
                IValue pw = IValue.from((PtNDArray) packed);
                IValue w = IValue.from((PtNDArray) weight);
                IValue b = IValue.from((PtNDArray) bias);
                IValue batch = IValue.from(rows)) {
            return run(x.getManager(), "linear_mkl", in, pw, w, b, batch);
        }
    }

    /** A fully connected layer's weight (out × in) packed for oneDNN's inner product with {@code rows} rows. */
    public static NDArray packLinearWeightForOneDnn(NDArray weight, int rows) {
        try (IValue w = IValue.from((PtNDArray) weight);
                IValue batch = IValue.from(rows)) {
            return run(weight.getManager(), "pack_linear_onednn", w, batch);
        }
    }

    /** activation(x·weightᵀ + bias) by oneDNN on {@code packed} (from {@link #packLinearWeightForOneDnn}). */
    public static NDArray linearOneDnn(NDArray x, NDArray packed, NDArray bias, Activation activation) {
        try (IValue in = IValue.from((PtNDArray) x);
                IValue pw = IValue.from((PtNDArray) packed);
                IValue b = IValue.from((PtNDArray) bias);
                IValue attr = IValue.from(activation.attribute)) {
            return run(x.getManager(), "linear_onednn", in, pw, b, attr);
        }
    }

    private static NDArray run(NDManager manager, String method, IValue... arguments) {
        try (IValue result = IValueUtils.runMethod(Module.INSTANCE, method, arguments)) {
            return result.toTensor((PtNDManager) manager);
        }
    }

    /** The TorchScript module, loaded once per process. */
    private static final class Module {
        static final PtSymbolBlock INSTANCE = TorchScriptResource.load(InferenceKernels.class, RESOURCE);
    }
}
