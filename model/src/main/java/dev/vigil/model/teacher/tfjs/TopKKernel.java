package dev.vigil.model.teacher.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.PriorityQueue;

/**
 * TF's {@code TopKV2} over the last axis: the k largest values of each row and their indices (int32), largest first,
 * equal values in increasing index order (TF's documented tie rule; PyTorch's {@code topk} leaves ties unordered,
 * and CenterNet's peak map holds many exact ties). Runs on the heap: one pass per row with a k-entry heap.
 */
final class TopKKernel implements OpKernel {

    @Override
    public NDList run(GraphNode node, NDList in) {
        NDArray x = in.get(0);
        int k = ShapeKernels.ints(in.get(1))[0];
        Shape shape = x.getShape();
        if (shape.dimension() < 1) {
            throw new IllegalArgumentException(node + ": TopKV2 needs at least a vector");
        }
        int n = Math.toIntExact(shape.get(shape.dimension() - 1));
        if (k < 0 || k > n) {
            throw new IllegalArgumentException(node + ": k = " + k + " for rows of " + n + " values");
        }
        float[] values = x.toType(DataType.FLOAT32, false).toFloatArray();
        int rows = n == 0 ? 0 : values.length / n;
        float[] topValues = new float[rows * k];
        int[] topIndices = new int[rows * k];
        for (int r = 0; r < rows; r++) {
            select(values, r * n, n, k, topValues, topIndices, r * k);
        }
        Shape out = shape.slice(0, shape.dimension() - 1).add(k);
        NDManager manager = x.getManager();
        return new NDList(
                manager.create(topValues, out).toType(x.getDataType(), false), manager.create(topIndices, out));
    }

    /** The k best of {@code values[from, from + n)}, best first, into the outputs at {@code at}. */
    static void select(float[] values, int from, int n, int k, float[] topValues, int[] topIndices, int at) {
        if (k == 0) {
            return;
        }
        // the worst kept entry on top: lowest value, and of equal values the highest index
        PriorityQueue<Integer> kept = new PriorityQueue<>(k, (a, b) -> {
            int byValue = Float.compare(values[from + a], values[from + b]);
            return byValue != 0 ? byValue : Integer.compare(b, a);
        });
        for (int i = 0; i < n; i++) {
            if (kept.size() < k) {
                kept.add(i);
            } else if (values[from + i] > values[from + kept.peek()]) {
                // an equal value never displaces an earlier index
                kept.poll();
                kept.add(i);
            }
        }
        for (int j = k - 1; j >= 0; j--) {
            int i = kept.poll();
            topValues[at + j] = values[from + i];
            topIndices[at + j] = i;
        }
    }
}
