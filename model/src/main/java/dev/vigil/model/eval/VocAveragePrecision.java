package dev.vigil.model.eval;

/**
 * PASCAL VOC's two ways to turn a precision/recall curve into AP, as the devkit's {@code voc_ap}: the VOC2007
 * 11-point interpolation and the VOC2010+ area under the monotone ("all-point") precision envelope.
 */
public final class VocAveragePrecision {

    /** VOC2007 reads precision at recall 0, 0.1, ..., 1.0. */
    public static final int ELEVEN_POINTS = 11;

    private VocAveragePrecision() {}

    /**
     * Mean over recall levels r = 0, 0.1, ..., 1 of the highest precision at recall ≥ r (0 where recall never
     * reaches r).
     *
     * @param recall N recall values of the detections ranked by score (non-decreasing)
     * @param precision N precision values at the same ranks
     */
    public static double elevenPoint(double[] recall, double[] precision) {
        checkSameLength(recall, precision);
        double sum = 0;
        for (int level = 0; level < ELEVEN_POINTS; level++) {
            double threshold = level * (1.0 / (ELEVEN_POINTS - 1));
            double best = 0;
            for (int i = 0; i < recall.length; i++) {
                if (recall[i] >= threshold) {
                    best = Math.max(best, precision[i]);
                }
            }
            sum += best;
        }
        return sum / ELEVEN_POINTS;
    }

    /**
     * Area under the precision envelope (precision made non-increasing from the right), the curve extended to
     * recall 0 and 1 with precision 0 at both ends, summed where recall changes.
     */
    public static double allPoint(double[] recall, double[] precision) {
        checkSameLength(recall, precision);
        int n = recall.length;
        double[] envelope = new double[n + 2];
        double[] levels = new double[n + 2];
        levels[n + 1] = 1;
        for (int i = 0; i < n; i++) {
            levels[i + 1] = recall[i];
            envelope[i + 1] = precision[i];
        }
        for (int i = n + 1; i > 0; i--) {
            envelope[i - 1] = Math.max(envelope[i - 1], envelope[i]);
        }
        double area = 0;
        for (int i = 0; i < n + 1; i++) {
            if (levels[i + 1] != levels[i]) {
                area += (levels[i + 1] - levels[i]) * envelope[i + 1];
            }
        }
        return area;
    }

    private static void checkSameLength(double[] recall, double[] precision) {
        if (recall.length != precision.length) {
            throw new IllegalArgumentException(
                    "recall has " + recall.length + " values but precision has " + precision.length);
        }
    }
}
