package dev.vigil.model.eval;

import java.util.List;

/**
 * Pools one category's per-image matches (one area range, one detection cap) into precision at the recall points
 * and final recall, per IoU threshold: pycocotools' {@code accumulate}. Detections of all images are ranked by
 * score (ties: image order, then rank within the image); precision is made non-increasing from the right and read
 * at the first rank whose recall reaches each recall point, 0 beyond the last rank.
 */
final class PrecisionRecallCurve {

    /** numpy's {@code np.spacing(1)}, added to precision's denominator. */
    private static final double EPSILON = Math.ulp(1.0);

    private PrecisionRecallCurve() {}

    /**
     * Writes precision (T×R) and recall (T) for one category, area range and cap, or leaves them untouched (-1,
     * undefined) when no image has ground truth or detections, or no ground-truth box counts.
     */
    static void accumulate(
            List<ImageCategoryMatches> images, int maxDetections, CocoEvalParams params, CocoEvaluation.Cell cell) {
        if (images.isEmpty()) {
            return;
        }
        int counted = 0;
        int total = 0;
        for (ImageCategoryMatches image : images) {
            counted += image.countedGroundTruth();
            total += Math.min(maxDetections, image.detectionCount());
        }
        if (counted == 0) {
            return;
        }
        float[] scores = new float[total];
        int[] imageOf = new int[total];
        int[] rankInImage = new int[total];
        int next = 0;
        for (int n = 0; n < images.size(); n++) {
            ImageCategoryMatches image = images.get(n);
            int kept = Math.min(maxDetections, image.detectionCount());
            for (int i = 0; i < kept; i++) {
                scores[next] = image.scores()[i];
                imageOf[next] = n;
                rankInImage[next++] = i;
            }
        }
        int[] order = ScoreOrder.descending(scores);

        double[] recall = new double[total];
        double[] precision = new double[total];
        for (int t = 0; t < params.iouCount(); t++) {
            int truePositives = 0;
            int falsePositives = 0;
            for (int rank = 0; rank < total; rank++) {
                ImageCategoryMatches image = images.get(imageOf[order[rank]]);
                int flag = t * image.detectionCount() + rankInImage[order[rank]];
                if (!image.ignored()[flag]) {
                    if (image.matched()[flag]) {
                        truePositives++;
                    } else {
                        falsePositives++;
                    }
                }
                recall[rank] = (double) truePositives / counted;
                precision[rank] = truePositives / (falsePositives + truePositives + EPSILON);
            }
            cell.setRecall(t, total > 0 ? recall[total - 1] : 0);
            for (int rank = total - 1; rank > 0; rank--) {
                if (precision[rank] > precision[rank - 1]) {
                    precision[rank - 1] = precision[rank];
                }
            }
            for (int r = 0; r < params.recallCount(); r++) {
                int rank = firstReaching(recall, total, params.recallThreshold(r));
                cell.setPrecision(t, r, rank < total ? precision[rank] : 0);
            }
        }
    }

    /** numpy's {@code searchsorted(values[:n], target, side='left')} on non-decreasing values. */
    static int firstReaching(double[] values, int n, double target) {
        int low = 0;
        int high = n;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] < target) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
