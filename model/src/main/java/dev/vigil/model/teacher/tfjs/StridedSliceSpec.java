package dev.vigil.model.teacher.tfjs;

import java.util.ArrayList;
import java.util.List;

/**
 * TF's {@code StridedSlice} resolved against an input shape: for each input dimension a start, stop and positive
 * step (Python slice semantics, negative begin/end counted from the end and clamped), with {@code begin_mask} and
 * {@code end_mask} bits selecting the full range and {@code shrink_axis_mask} bits taking the single element at
 * {@code begin} and dropping the dimension. Dimensions past the spec are taken whole. Ellipsis, new axes and negative
 * steps are not supported (no Vigil model needs them).
 *
 * @param starts first index per input dimension
 * @param stops one past the last index per input dimension
 * @param steps step per input dimension
 * @param shrink dimensions removed from the result
 */
public record StridedSliceSpec(long[] starts, long[] stops, long[] steps, List<Integer> shrink) {

    /**
     * @throws IllegalArgumentException for a zero or negative stride, an ellipsis or new-axis mask, a spec longer than
     *     the shape, or a shrunk index out of range
     */
    public static StridedSliceSpec resolve(
            long[] shape,
            int[] begin,
            int[] end,
            int[] strides,
            int beginMask,
            int endMask,
            int ellipsisMask,
            int newAxisMask,
            int shrinkAxisMask) {
        if (ellipsisMask != 0 || newAxisMask != 0) {
            throw new IllegalArgumentException("StridedSlice with ellipsis_mask or new_axis_mask is not supported");
        }
        if (begin.length != end.length || begin.length != strides.length || begin.length > shape.length) {
            throw new IllegalArgumentException("StridedSlice spec of " + begin.length + "/" + end.length + "/"
                    + strides.length + " entries does not fit a " + shape.length + "-d input");
        }
        int rank = shape.length;
        long[] starts = new long[rank];
        long[] stops = shape.clone();
        long[] steps = new long[rank];
        List<Integer> shrink = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            steps[d] = 1;
            if (d >= begin.length) {
                continue;
            }
            if (strides[d] <= 0) {
                throw new IllegalArgumentException("StridedSlice stride " + strides[d] + " is not supported");
            }
            steps[d] = strides[d];
            long size = shape[d];
            if ((shrinkAxisMask & (1 << d)) != 0) {
                long index = begin[d] < 0 ? begin[d] + size : begin[d];
                if (index < 0 || index >= size) {
                    throw new IllegalArgumentException(
                            "StridedSlice index " + begin[d] + " is out of range for size " + size);
                }
                starts[d] = index;
                stops[d] = index + 1;
                steps[d] = 1;
                shrink.add(d);
                continue;
            }
            starts[d] = (beginMask & (1 << d)) != 0 ? 0 : clamp(begin[d], size);
            stops[d] = (endMask & (1 << d)) != 0 ? size : clamp(end[d], size);
            stops[d] = Math.max(stops[d], starts[d]);
        }
        return new StridedSliceSpec(starts, stops, steps, List.copyOf(shrink));
    }

    private static long clamp(long index, long size) {
        long i = index < 0 ? index + size : index;
        return Math.max(0, Math.min(size, i));
    }
}
