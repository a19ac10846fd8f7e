package dev.vigil.model.eval;

import java.util.Arrays;
import java.util.List;

/**
 * The settings of COCO bbox evaluation; {@link #DEFAULT} are pycocotools' {@code Params.setDetParams()}.
 *
 * @param iouThresholds T IoU thresholds a detection must reach to match (.50:.05:.95)
 * @param recallThresholds R recall points precision is interpolated at (0:.01:1)
 * @param maxDetections M caps on detections per image and category, ascending (1, 10, 100)
 * @param areaRanges A object-size bands (all, small, medium, large)
 */
public record CocoEvalParams(
        double[] iouThresholds, double[] recallThresholds, int[] maxDetections, List<AreaRange> areaRanges) {

    public static final double IOU_FROM = 0.5;
    public static final double IOU_TO = 0.95;
    public static final int IOU_STEPS = 10;
    public static final int RECALL_POINTS = 101;
    private static final int[] MAX_DETECTIONS = {1, 10, 100};

    public static final CocoEvalParams DEFAULT = new CocoEvalParams(
            linspace(IOU_FROM, IOU_TO, IOU_STEPS),
            linspace(0, 1, RECALL_POINTS),
            MAX_DETECTIONS,
            List.of(AreaRange.ALL, AreaRange.SMALL, AreaRange.MEDIUM, AreaRange.LARGE));

    public CocoEvalParams {
        if (iouThresholds.length == 0
                || recallThresholds.length == 0
                || maxDetections.length == 0
                || areaRanges.isEmpty()) {
            throw new IllegalArgumentException("COCO eval params need at least one IoU threshold, recall point, "
                    + "detection cap and area range");
        }
        for (int i = 1; i < maxDetections.length; i++) {
            if (maxDetections[i] <= maxDetections[i - 1]) {
                throw new IllegalArgumentException(
                        "maxDetections must be ascending, got " + Arrays.toString(maxDetections));
            }
        }
        iouThresholds = iouThresholds.clone();
        recallThresholds = recallThresholds.clone();
        maxDetections = maxDetections.clone();
        areaRanges = List.copyOf(areaRanges);
    }

    /**
     * {@code num} evenly spaced values from {@code start} to {@code stop} inclusive, computed as numpy's
     * {@code linspace} does ({@code i * step + start}, the last set to {@code stop}) so that thresholds compare
     * bit-for-bit as in pycocotools.
     */
    public static double[] linspace(double start, double stop, int num) {
        double[] values = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            values[i] = i * step + start;
        }
        values[num - 1] = stop;
        return values;
    }

    @Override
    public double[] iouThresholds() {
        return iouThresholds.clone();
    }

    @Override
    public double[] recallThresholds() {
        return recallThresholds.clone();
    }

    @Override
    public int[] maxDetections() {
        return maxDetections.clone();
    }

    int iouCount() {
        return iouThresholds.length;
    }

    int recallCount() {
        return recallThresholds.length;
    }

    int maxDetectionsCount() {
        return maxDetections.length;
    }

    double iouThreshold(int t) {
        return iouThresholds[t];
    }

    double recallThreshold(int r) {
        return recallThresholds[r];
    }

    int maxDetections(int m) {
        return maxDetections[m];
    }

    int largestMaxDetections() {
        return maxDetections[maxDetections.length - 1];
    }
}
