package dev.vigil.model.teacher.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Map;

/**
 * Convolutions and pooling on NHWC tensors: {@code Conv2D}, {@code DepthwiseConv2dNative}, their fused forms (grappler's
 * {@code _FusedConv2D} and TF.js's {@code FusedDepthwiseConv2dNative}: bias, then the activation in
 * {@code fused_ops}), {@code MaxPool} and {@code AvgPool}. Each runs on PyTorch's NCHW ops through a transposed view,
 * which PyTorch treats as channels-last memory (docs/djl-pitfalls.md); asymmetric 'SAME' padding is applied
 * explicitly first.
 */
final class ConvolutionKernels {

    private ConvolutionKernels() {}

    static void register(Map<String, OpKernel> kernels) {
        kernels.put("Conv2D", (node, in) -> new NDList(conv(node, in.get(0), filter(in.get(1)), null, 1)));
        kernels.put("_FusedConv2D", (node, in) -> fused(node, in, filter(in.get(1)), 1));
        kernels.put("DepthwiseConv2dNative", (node, in) -> {
            NDArray x = in.get(0);
            return new NDList(conv(node, x, depthwiseFilter(in.get(1)), null, channels(x)));
        });
        kernels.put("DepthwiseConv2d", kernels.get("DepthwiseConv2dNative"));
        kernels.put(
                "FusedDepthwiseConv2dNative",
                (node, in) -> fused(node, in, depthwiseFilter(in.get(1)), channels(in.get(0))));
        kernels.put("MaxPool", (node, in) -> new NDList(pool(node, in.get(0), true)));
        kernels.put("AvgPool", (node, in) -> new NDList(pool(node, in.get(0), false)));
    }

    /** TF's [kh, kw, in, out] filter as PyTorch's [out, in, kh, kw]. */
    static NDArray filter(NDArray hwio) {
        return hwio.transpose(3, 2, 0, 1);
    }

    /** TF's depthwise [kh, kw, in, multiplier] filter as PyTorch's grouped [in·multiplier, 1, kh, kw]. */
    static NDArray depthwiseFilter(NDArray hwim) {
        Shape s = hwim.getShape();
        return hwim.reshape(s.get(0), s.get(1), s.get(2) * s.get(3))
                .transpose(2, 0, 1)
                .reshape(s.get(2) * s.get(3), 1, s.get(0), s.get(1));
    }

    private static long channels(NDArray nhwc) {
        return nhwc.getShape().get(3);
    }

    private static NDList fused(GraphNode node, NDList in, NDArray filter, long groups) {
        List<String> ops = node.strings("fused_ops");
        if (ops.isEmpty() || !ops.get(0).equals("BiasAdd")) {
            throw new IllegalArgumentException(node + ": fused ops " + ops + " are not supported (BiasAdd first)");
        }
        NDArray y = conv(node, in.get(0), filter, in.get(2), groups);
        if (ops.size() == 1) {
            return new NDList(y);
        }
        if (ops.size() > 2) {
            throw new IllegalArgumentException(node + ": fused ops " + ops + " are not supported");
        }
        return new NDList(
                switch (ops.get(1)) {
                    case "Relu" -> Activation.relu(y);
                    case "Relu6" -> Activation.relu6(y);
                    case "Elu" -> Activation.elu(y, 1f);
                    case "Sigmoid" -> Activation.sigmoid(y);
                    case "Tanh" -> Activation.tanh(y);
                    case "LeakyRelu" -> Activation.leakyRelu(y, node.real("leakyrelu_alpha", 0.2f));
                    case "Prelu" ->
                        Activation.relu(y).add(Activation.relu(y.neg()).neg().mul(in.get(3)));
                    default ->
                        throw new IllegalArgumentException(
                                node + ": fused activation " + ops.get(1) + " not supported");
                });
    }

    private static NDArray conv(GraphNode node, NDArray nhwc, NDArray oihw, NDArray bias, long groups) {
        checkNhwc(node, nhwc);
        int[] strides = node.ints("strides", 1, 1, 1, 1);
        int[] dilations = node.ints("dilations", 1, 1, 1, 1);
        Shape x = nhwc.getShape();
        Shape w = oihw.getShape();
        Padding rows = padding(node, x.get(1), w.get(2), strides[1], dilations[1], 0);
        Padding cols = padding(node, x.get(2), w.get(3), strides[2], dilations[2], 1);
        NDArray input = nhwc;
        Shape pad = new Shape(rows.before(), cols.before());
        if (!rows.symmetric() || !cols.symmetric()) {
            input = nhwc.pad(new Shape(0, 0, cols.before(), cols.after(), rows.before(), rows.after()), 0);
            pad = new Shape(0, 0);
        }
        NDArray y = Conv2d.conv2d(
                        input.transpose(0, 3, 1, 2),
                        oihw,
                        bias,
                        new Shape(strides[1], strides[2]),
                        pad,
                        new Shape(dilations[1], dilations[2]),
                        Math.toIntExact(groups))
                .singletonOrThrow();
        return y.transpose(0, 2, 3, 1);
    }

    private static NDArray pool(GraphNode node, NDArray nhwc, boolean max) {
        checkNhwc(node, nhwc);
        int[] size = node.ints("ksize");
        int[] strides = node.ints("strides", 1, 1, 1, 1);
        if (size == null || size.length != 4 || size[0] != 1 || size[3] != 1) {
            throw new IllegalArgumentException(node + ": pooling window must be [1, kh, kw, 1]");
        }
        Shape x = nhwc.getShape();
        Padding rows = padding(node, x.get(1), size[1], strides[1], 1, 0);
        Padding cols = padding(node, x.get(2), size[2], strides[2], 1, 1);
        Shape window = new Shape(size[1], size[2]);
        Shape stride = new Shape(strides[1], strides[2]);
        NDArray y;
        if (max) {
            // TF's max pool ignores padded cells: pad with -inf where PyTorch cannot pad asymmetrically
            NDArray input = nhwc;
            Shape pad = new Shape(rows.before(), cols.before());
            if (!rows.symmetric() || !cols.symmetric()) {
                input = nhwc.pad(
                        new Shape(0, 0, cols.before(), cols.after(), rows.before(), rows.after()),
                        Double.NEGATIVE_INFINITY);
                pad = new Shape(0, 0);
            }
            y = Pool.maxPool2d(input.transpose(0, 3, 1, 2), window, stride, pad, false);
        } else {
            if (!rows.symmetric() || !cols.symmetric() || rows.before() != 0 || cols.before() != 0) {
                throw new IllegalArgumentException(node + ": AvgPool is supported with VALID padding only");
            }
            y = Pool.avgPool2d(nhwc.transpose(0, 3, 1, 2), window, stride, new Shape(0, 0), false, false);
        }
        return y.transpose(0, 2, 3, 1);
    }

    private static Padding padding(GraphNode node, long size, long window, int stride, int dilation, int axis) {
        String scheme = node.string("padding", "VALID");
        if (scheme.equals("EXPLICIT")) {
            int[] explicit = node.ints("explicit_paddings");
            return new Padding(explicit[2 + 2 * axis], explicit[3 + 2 * axis]);
        }
        return Padding.of(scheme, size, window, stride, dilation);
    }

    private static void checkNhwc(GraphNode node, NDArray x) {
        String format = node.string("data_format", "NHWC");
        if (!format.equals("NHWC") || x.getShape().dimension() != 4) {
            throw new IllegalArgumentException(node + ": needs a 4-d NHWC input, got " + format + " " + x.getShape());
        }
    }
}
