package dev.vigil.model.teacher.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Map;

/**
 * Ops that move, select or reduce values without arithmetic on them: {@code Identity}, {@code Reshape},
 * {@code ExpandDims}, {@code Squeeze}, {@code Transpose}, {@code ConcatV2}, {@code Pad}, {@code StridedSlice},
 * {@code GatherV2} and the reductions {@code Mean} and {@code Sum}. Shapes, axes and indices come from the node's
 * (constant) inputs; negative axes count from the end, as in TF.
 */
final class ShapeKernels {

    private ShapeKernels() {}

    static void register(Map<String, OpKernel> kernels) {
        kernels.put("Identity", (node, in) -> new NDList(in.get(0)));
        kernels.put("Reshape", (node, in) -> new NDList(in.get(0).reshape(new Shape(longs(in.get(1))))));
        kernels.put("ExpandDims", (node, in) -> {
            NDArray x = in.get(0);
            int axis = ints(in.get(1))[0];
            return new NDList(x.expandDims(axis < 0 ? axis + x.getShape().dimension() + 1 : axis));
        });
        kernels.put("Squeeze", (node, in) -> {
            int[] axes = node.ints("squeeze_dims");
            NDArray x = in.get(0);
            return new NDList(axes == null ? x.squeeze() : x.squeeze(axes(axes, x)));
        });
        kernels.put("Transpose", (node, in) -> new NDList(in.get(0).transpose(ints(in.get(1)))));
        kernels.put("ConcatV2", ShapeKernels::concat);
        kernels.put("Pad", (node, in) -> new NDList(pad(in.get(0), ints(in.get(1)), 0)));
        kernels.put(
                "PadV2",
                (node, in) ->
                        new NDList(pad(in.get(0), ints(in.get(1)), in.get(2).getFloat())));
        kernels.put("StridedSlice", ShapeKernels::stridedSlice);
        kernels.put("GatherV2", ShapeKernels::gather);
        kernels.put("Mean", (node, in) -> reduce(node, in, true));
        kernels.put("Sum", (node, in) -> reduce(node, in, false));
    }

    static int[] ints(NDArray values) {
        return values.toType(DataType.INT32, false).toIntArray();
    }

    private static long[] longs(NDArray values) {
        return Arrays.stream(ints(values)).asLongStream().toArray();
    }

    private static int[] axes(int[] axes, NDArray x) {
        int rank = x.getShape().dimension();
        return Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).toArray();
    }

    private static NDList concat(GraphNode node, NDList in) {
        int n = in.size() - 1;
        if (n < 1) {
            throw new IllegalArgumentException(node + ": ConcatV2 needs tensors and an axis");
        }
        NDArray first = in.get(0);
        int axis = axes(ints(in.get(n)), first)[0];
        if (n == 1) {
            return new NDList(first);
        }
        return new NDList(NDArrays.concat(new NDList(in.subList(0, n)), axis));
    }

    /** Zero (or {@code value}) padding; {@code paddings} holds (before, after) per dimension, first dimension first. */
    private static NDArray pad(NDArray x, int[] paddings, double value) {
        int rank = x.getShape().dimension();
        if (paddings.length != 2 * rank) {
            throw new IllegalArgumentException("Pad needs " + rank + "×2 paddings, got " + paddings.length);
        }
        long[] torchOrder = new long[2 * rank];
        for (int d = 0; d < rank; d++) {
            // PyTorch lists (before, after) from the last dimension back
            torchOrder[2 * (rank - 1 - d)] = paddings[2 * d];
            torchOrder[2 * (rank - 1 - d) + 1] = paddings[2 * d + 1];
        }
        return x.pad(new Shape(torchOrder), value);
    }

    private static NDList stridedSlice(GraphNode node, NDList in) {
        NDArray x = in.get(0);
        StridedSliceSpec spec = StridedSliceSpec.resolve(
                x.getShape().getShape(),
                ints(in.get(1)),
                ints(in.get(2)),
                ints(in.get(3)),
                node.integer("begin_mask", 0),
                node.integer("end_mask", 0),
                node.integer("ellipsis_mask", 0),
                node.integer("new_axis_mask", 0),
                node.integer("shrink_axis_mask", 0));
        NDIndex index = new NDIndex();
        for (int d = 0; d < spec.starts().length; d++) {
            index.addSliceDim(spec.starts()[d], spec.stops()[d], spec.steps()[d]);
        }
        NDArray y = x.get(index);
        if (spec.shrink().isEmpty()) {
            return new NDList(y);
        }
        return new NDList(
                y.squeeze(spec.shrink().stream().mapToInt(Integer::intValue).toArray()));
    }

    private static NDList gather(GraphNode node, NDList in) {
        if (node.integer("batch_dims", 0) != 0) {
            throw new IllegalArgumentException(node + ": GatherV2 with batch_dims is not supported");
        }
        NDArray params = in.get(0);
        NDArray indices = in.get(1);
        int rank = params.getShape().dimension();
        int axis = axes(ints(in.get(2)), params)[0];
        // index_select along axis 0 of a view with the gathered axis first, then the axis moved back
        int[] toFront = new int[rank];
        toFront[0] = axis;
        for (int d = 0, k = 1; d < rank; d++) {
            if (d != axis) {
                toFront[k++] = d;
            }
        }
        NDArray front = axis == 0 ? params : params.transpose(toFront);
        NDArray flat = indices.toType(DataType.INT64, false).reshape(-1);
        NDArray picked = front.get(new NDIndex("{}", flat));
        Shape rest = front.getShape().slice(1);
        Shape gathered = indices.getShape().addAll(rest);
        NDArray y = picked.reshape(gathered);
        if (axis == 0) {
            return new NDList(y);
        }
        // y is [indices..., other dims in order]; put the index dims back at position axis
        int indexRank = indices.getShape().dimension();
        int[] back = new int[y.getShape().dimension()];
        int k = 0;
        for (int d = 0; d < axis; d++) {
            back[k++] = indexRank + d;
        }
        for (int d = 0; d < indexRank; d++) {
            back[k++] = d;
        }
        for (int d = indexRank + axis; d < back.length; d++) {
            back[k++] = d;
        }
        return new NDList(y.transpose(back));
    }

    private static NDList reduce(GraphNode node, NDList in, boolean mean) {
        NDArray x = in.get(0);
        int[] axes = Arrays.stream(axes(ints(in.get(1)), x)).distinct().sorted().toArray();
        boolean keep = node.bool("keep_dims", false);
        if (axes.length == 0) {
            return new NDList(x);
        }
        // PyTorch's engine in DJL reduces one axis at a time
        NDArray y = x;
        for (int a = axes.length - 1; a >= 0; a--) {
            int[] axis = {axes[a]};
            y = mean ? y.mean(axis, true) : y.sum(axis, true);
        }
        return new NDList(keep ? y : y.squeeze(axes));
    }
}
