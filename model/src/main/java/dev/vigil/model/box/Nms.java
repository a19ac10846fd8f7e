package dev.vigil.model.box;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;

/**
 * Greedy non-maximum suppression with torchvision's semantics ({@code torchvision.ops.nms}): boxes are visited in
 * decreasing score order (equal scores: lower index first); a kept box suppresses every later box whose IoU with it
 * is {@code > iouThreshold}, IoU computed in float as torchvision's CPU kernel and compared with the double
 * threshold. The result lists the kept indices in decreasing score order.
 *
 * <p>{@link #batchedNms batched NMS} never suppresses across classes: it is what torchvision's {@code batched_nms}
 * computes with its coordinate-offset trick (boxes of different classes shifted apart so they cannot overlap),
 * done by visiting only same-class boxes in the inner loop, which gives the same kept set without the float32
 * rounding that large offsets add to the coordinates.
 *
 * <p>Runs on primitive arrays: one sort of packed (score, index) keys, coordinates and areas laid out class by
 * class in ascending x1, and an early exit once {@code maxKept} boxes are kept. A kept box only visits the boxes of its
 * class whose x1 lies in the window where an IoU above the threshold is possible at all (2-D IoU is at most the
 * IoU of the x-intervals), found by binary search and read as one contiguous run of each coordinate array; the
 * window is widened far beyond float rounding, so the kept set is exactly that of the plain O(K²) loop.
 */
public final class Nms {

    /** Keep every box that survives suppression. */
    public static final int KEEP_ALL = Integer.MAX_VALUE;

    /** Relative widening of the candidate window, far above float rounding of the IoU. */
    private static final double WINDOW_SLACK = 1e-4;

    private Nms() {}

    /**
     * Greedy NMS.
     *
     * @param boxes K×4 boxes (x1, y1, x2, y2)
     * @param scores K scores
     * @param iouThreshold boxes overlapping a kept box with IoU above this are dropped
     * @return indices of the kept boxes, by decreasing score
     */
    public static int[] nms(float[] boxes, float[] scores, double iouThreshold) {
        return batchedNms(boxes, scores, null, iouThreshold, KEEP_ALL);
    }

    /**
     * Greedy NMS applied independently per class.
     *
     * @param boxes K×4 boxes (x1, y1, x2, y2)
     * @param scores K scores
     * @param classes K class ids (any ints), or null for a single class
     * @param iouThreshold boxes overlapping a kept box of their class with IoU above this are dropped
     * @param maxKept stop after this many boxes are kept (the first {@code maxKept} of the full result)
     * @return indices of the kept boxes, by decreasing score
     */
    public static int[] batchedNms(float[] boxes, float[] scores, int[] classes, double iouThreshold, int maxKept) {
        int n = Boxes.count(boxes, "boxes");
        checkInputs(n, scores, classes, iouThreshold, maxKept);
        if (n == 0) {
            return new int[0];
        }
        int[] order = descendingScoreOrder(scores);
        ClassGroups groups = ClassGroups.of(classes, order, n);
        // Coordinates by slot: class after class, each class in visiting order.
        float[] x1 = new float[n];
        float[] y1 = new float[n];
        float[] x2 = new float[n];
        float[] y2 = new float[n];
        float[] area = new float[n];
        for (int rank = 0; rank < n; rank++) {
            int g = groups.slotOfRank[rank];
            int o = order[rank] * Boxes.COORDS;
            x1[g] = boxes[o];
            y1[g] = boxes[o + 1];
            x2[g] = boxes[o + 2];
            y2[g] = boxes[o + 3];
            area[g] = (x2[g] - x1[g]) * (y2[g] - y1[g]);
        }
        float threshold = floatThreshold(iouThreshold);
        // Coordinates again by position: class after class, each class by ascending x1, so that a kept box's
        // candidates are one contiguous run of every array.
        int[] slotAt = groups.slotsByX1(x1);
        int[] positionOfSlot = new int[n];
        float[] px1 = new float[n];
        float[] py1 = new float[n];
        float[] px2 = new float[n];
        float[] py2 = new float[n];
        float[] pArea = new float[n];
        for (int p = 0; p < n; p++) {
            int slot = slotAt[p];
            positionOfSlot[slot] = p;
            px1[p] = x1[slot];
            py1[p] = y1[slot];
            px2[p] = x2[slot];
            py2[p] = y2[slot];
            pArea[p] = area[slot];
        }
        boolean[] suppressed = new boolean[n];
        int[] keep = new int[Math.min(n, maxKept)];
        int kept = 0;
        for (int rank = 0; rank < n && kept < keep.length; rank++) {
            int slot = groups.slotOfRank[rank];
            int i = positionOfSlot[slot];
            if (suppressed[i]) {
                continue;
            }
            keep[kept++] = order[rank];
            float ix1 = px1[i];
            float iy1 = py1[i];
            float ix2 = px2[i];
            float iy2 = py2[i];
            float iArea = pArea[i];
            int from = groups.startOfSlot(slot);
            int to = groups.endOfSlot(slot);
            double upperX1 = Double.POSITIVE_INFINITY;
            if (threshold > 0) {
                double width = (double) ix2 - ix1;
                if (!(width > 0)) {
                    continue; // an empty box intersects nothing
                }
                // IoU > t needs the x-intervals' IoU > t, hence x1[j] in (x1 - (1-t)/t·w, x1 + (1-t)·w).
                double t = threshold * (1 - WINDOW_SLACK);
                double margin = WINDOW_SLACK * (Math.abs(ix1) + width);
                from = firstAtLeast(px1, from, to, ix1 - (1 - t) / t * width - margin);
                upperX1 = ix1 + (1 - t) * width + margin;
            }
            for (int p = from; p < to && px1[p] < upperX1; p++) {
                if (suppressed[p] || slotAt[p] <= slot) {
                    continue; // already out, or visited before this box (slots follow the visiting order)
                }
                float w = Math.max(0f, Math.min(ix2, px2[p]) - Math.max(ix1, px1[p]));
                float h = Math.max(0f, Math.min(iy2, py2[p]) - Math.max(iy1, py1[p]));
                float inter = w * h;
                if (inter / (iArea + pArea[p] - inter) > threshold) {
                    suppressed[p] = true;
                }
            }
        }
        return kept == keep.length ? keep : Arrays.copyOf(keep, kept);
    }

    /**
     * NMS on engine arrays: copies boxes and scores to the JVM once, suppresses there.
     *
     * @param boxes K×4 boxes
     * @param scores K scores
     * @return int64 indices of the kept boxes by decreasing score, attached to {@code boxes}' manager
     */
    public static NDArray nms(NDArray boxes, NDArray scores, double iouThreshold) {
        return batchedNms(boxes, scores, null, iouThreshold);
    }

    /**
     * Per-class NMS on engine arrays: copies boxes, scores and classes to the JVM once, suppresses there.
     *
     * @param boxes K×4 boxes
     * @param scores K scores
     * @param classes K integer class ids, or null for a single class
     * @return int64 indices of the kept boxes by decreasing score, attached to {@code boxes}' manager
     */
    public static NDArray batchedNms(NDArray boxes, NDArray scores, NDArray classes, double iouThreshold) {
        BoxIou.checkShape(boxes, "boxes");
        float[] boxData = boxes.toType(DataType.FLOAT32, false).toFloatArray();
        float[] scoreData = scores.toType(DataType.FLOAT32, false).toFloatArray();
        int[] classData =
                classes == null ? null : classes.toType(DataType.INT32, false).toIntArray();
        int[] keep = batchedNms(boxData, scoreData, classData, iouThreshold, KEEP_ALL);
        NDManager manager = boxes.getManager();
        return manager.create(Arrays.stream(keep).asLongStream().toArray());
    }

    /** First position in [from, to) of the ascending {@code sorted} holding a value >= {@code bound}. */
    private static int firstAtLeast(float[] sorted, int from, int to, double bound) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The float t with {@code iou > t <=> (double) iou > iouThreshold} for every float iou (torchvision compares the
     * float IoU with the double threshold).
     */
    static float floatThreshold(double iouThreshold) {
        float t = (float) iouThreshold;
        return (double) t > iouThreshold ? Math.nextDown(t) : t;
    }

    /**
     * Indices sorted by decreasing score, equal scores by increasing index. Each (score, index) pair is packed into
     * one long so that a primitive sort does the work.
     */
    static int[] descendingScoreOrder(float[] scores) {
        int n = scores.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) ~sortableBits(scores[i]) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = (int) keys[r];
        }
        return order;
    }

    private static void checkInputs(int n, float[] scores, int[] classes, double iouThreshold, int maxKept) {
        if (scores == null || scores.length != n) {
            throw new IllegalArgumentException(
                    "scores must hold one score per box (" + n + "), got " + (scores == null ? "null" : scores.length));
        }
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is NaN");
            }
        }
        if (classes != null && classes.length != n) {
            throw new IllegalArgumentException(
                    "classes must hold one class per box (" + n + "), got " + classes.length);
        }
        if (Double.isNaN(iouThreshold)) {
            throw new IllegalArgumentException("iouThreshold must not be NaN");
        }
        if (maxKept < 0) {
            throw new IllegalArgumentException("maxKept must be >= 0, got " + maxKept);
        }
    }

    /** Slots 0..n-1 laid out class by class, each class in visiting (score) order. */
    private static final class ClassGroups {
        final int[] slotOfRank;
        private final int[] classStartOfSlot;
        private final int[] classEndOfSlot;

        private ClassGroups(int[] slotOfRank, int[] classStartOfSlot, int[] classEndOfSlot) {
            this.slotOfRank = slotOfRank;
            this.classStartOfSlot = classStartOfSlot;
            this.classEndOfSlot = classEndOfSlot;
        }

        int startOfSlot(int slot) {
            return classStartOfSlot[slot];
        }

        int endOfSlot(int slot) {
            return classEndOfSlot[slot];
        }

        /** Slots sorted by x1 within each class segment (NaN last), so a class's x-window is a contiguous run. */
        int[] slotsByX1(float[] x1) {
            int n = x1.length;
            long[] keys = new long[n];
            for (int slot = 0; slot < n; slot++) {
                keys[slot] = ((long) sortableBits(x1[slot]) << 32) | slot;
            }
            for (int start = 0; start < n; start = classEndOfSlot[start]) {
                Arrays.sort(keys, start, classEndOfSlot[start]);
            }
            int[] slots = new int[n];
            for (int p = 0; p < n; p++) {
                slots[p] = (int) keys[p];
            }
            return slots;
        }

        static ClassGroups of(int[] classes, int[] order, int n) {
            int[] slotOfRank = new int[n];
            int[] classStartOfSlot = new int[n];
            int[] classEndOfSlot = new int[n];
            if (classes == null) {
                for (int r = 0; r < n; r++) {
                    slotOfRank[r] = r;
                }
                Arrays.fill(classEndOfSlot, n);
                return new ClassGroups(slotOfRank, classStartOfSlot, classEndOfSlot);
            }
            int[] distinct = distinctSorted(classes);
            int[] dense = new int[n];
            int[] start = new int[distinct.length + 1];
            for (int i = 0; i < n; i++) {
                dense[i] = Arrays.binarySearch(distinct, classes[i]);
                start[dense[i] + 1]++;
            }
            for (int c = 0; c < distinct.length; c++) {
                start[c + 1] += start[c];
            }
            int[] cursor = Arrays.copyOf(start, distinct.length);
            for (int r = 0; r < n; r++) {
                int c = dense[order[r]];
                int slot = cursor[c]++;
                slotOfRank[r] = slot;
                classStartOfSlot[slot] = start[c];
                classEndOfSlot[slot] = start[c + 1];
            }
            return new ClassGroups(slotOfRank, classStartOfSlot, classEndOfSlot);
        }

        private static int[] distinctSorted(int[] values) {
            int[] sorted = values.clone();
            Arrays.sort(sorted);
            int count = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[count++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, count);
        }
    }

    /** An int whose signed order is the float order (NaN above +infinity); -0 and 0 map alike. */
    private static int sortableBits(float value) {
        int bits = Float.floatToIntBits(value == 0f ? 0f : value);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
