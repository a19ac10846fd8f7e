package dev.vigil.model.teacher.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Element-wise ops with NumPy broadcasting (TF's and PyTorch's rules agree): arithmetic, comparisons, activations and
 * {@code Cast}. Integer {@code FloorDiv} and {@code FloorMod} round towards negative infinity, as TF does.
 */
final class ElementwiseKernels {

    private ElementwiseKernels() {}

    static void register(Map<String, OpKernel> kernels) {
        binary(kernels, "Add", NDArray::add);
        binary(kernels, "AddV2", NDArray::add);
        binary(kernels, "Sub", NDArray::sub);
        binary(kernels, "Mul", NDArray::mul);
        binary(kernels, "RealDiv", NDArray::div);
        binary(kernels, "Maximum", NDArray::maximum);
        binary(kernels, "Minimum", NDArray::minimum);
        binary(kernels, "Equal", NDArray::eq);
        binary(kernels, "Greater", NDArray::gt);
        binary(kernels, "Less", NDArray::lt);
        binary(kernels, "FloorMod", NDArray::mod);
        binary(kernels, "FloorDiv", ElementwiseKernels::floorDiv);
        unary(kernels, "Relu", Activation::relu);
        unary(kernels, "Relu6", Activation::relu6);
        unary(kernels, "Sigmoid", Activation::sigmoid);
        unary(kernels, "Tanh", Activation::tanh);
        unary(kernels, "Neg", NDArray::neg);
        unary(kernels, "Exp", NDArray::exp);
        unary(kernels, "Sqrt", NDArray::sqrt);
        unary(kernels, "Square", NDArray::square);
        kernels.put("LeakyRelu", (node, in) -> new NDList(Activation.leakyRelu(in.get(0), node.real("alpha", 0.2f))));
        kernels.put("Cast", (node, in) -> {
            TfDataType target = node.type("DstT");
            if (target == null) {
                throw new IllegalArgumentException(node + ": Cast without DstT");
            }
            return new NDList(in.get(0).toType(target.djl(), false));
        });
    }

    /** {@code floor(a / b)}; for integers through {@code (a - a mod b) / b}, which is exact. */
    static NDArray floorDiv(NDArray a, NDArray b) {
        if (a.getDataType() == DataType.INT32 || a.getDataType() == DataType.INT64) {
            return a.sub(a.mod(b)).div(b).toType(a.getDataType(), false);
        }
        return a.div(b).floor();
    }

    private static void binary(Map<String, OpKernel> kernels, String op, BinaryOperator<NDArray> f) {
        kernels.put(op, (node, in) -> {
            if (in.size() != 2) {
                throw new IllegalArgumentException(node + ": needs 2 inputs, has " + in.size());
            }
            return new NDList(f.apply(in.get(0), in.get(1)));
        });
    }

    private static void unary(Map<String, OpKernel> kernels, String op, UnaryOperator<NDArray> f) {
        kernels.put(op, (node, in) -> new NDList(f.apply(in.get(0))));
    }
}
