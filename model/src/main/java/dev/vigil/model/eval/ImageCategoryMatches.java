package dev.vigil.model.eval;

import java.util.Arrays;

/**
 * The outcome of matching one image's detections of one category to its ground truth at every IoU threshold,
 * for one area range: pycocotools' {@code evaluateImg}.
 *
 * <p>At each threshold, detections in decreasing score take the best-overlapping ground-truth box still free (a
 * crowd box is never used up) whose IoU reaches the threshold, preferring counted boxes over ignored ones (crowd,
 * or area outside the range). A detection matched to an ignored box is itself ignored, and so is an unmatched
 * detection whose own area is outside the range.
 *
 * @param scores D detection scores, decreasing
 * @param matched T×D: detection d matched a ground-truth box at threshold t
 * @param ignored T×D: detection d counts neither as true nor as false positive at threshold t
 * @param countedGroundTruth how many ground-truth boxes count (are neither crowd nor outside the area range)
 */
record ImageCategoryMatches(float[] scores, boolean[] matched, boolean[] ignored, int countedGroundTruth) {

    /** The IoU a match must reach at threshold 1.0, so that a perfect overlap still matches (pycocotools). */
    static final double HIGHEST_IOU_TO_REACH = 1 - 1e-10;

    /**
     * @param detections the image's detections of the category, best first: D×4 boxes
     * @param scores D scores, decreasing
     * @param overlaps D×G {@link CocoIou} of those detections with the ground truth
     * @param truth the image's ground truth of the category
     */
    static ImageCategoryMatches match(
            float[] detections,
            float[] scores,
            double[] overlaps,
            GroundTruthOfImage truth,
            AreaRange range,
            double[] iouThresholds) {
        int d = scores.length;
        int g = truth.count();
        boolean[] gtIgnored = new boolean[g];
        int counted = 0;
        for (int j = 0; j < g; j++) {
            gtIgnored[j] = truth.crowd(j) || range.excludes(truth.area(j));
            counted += gtIgnored[j] ? 0 : 1;
        }
        int[] gtOrder = countedFirst(gtIgnored, counted);

        int t = iouThresholds.length;
        boolean[] matched = new boolean[t * d];
        boolean[] ignored = new boolean[t * d];
        boolean[] gtTaken = new boolean[g];
        for (int ti = 0; ti < t; ti++) {
            Arrays.fill(gtTaken, false);
            for (int i = 0; i < d; i++) {
                int best = bestMatch(
                        overlaps,
                        i,
                        g,
                        gtOrder,
                        gtIgnored,
                        gtTaken,
                        truth,
                        Math.min(iouThresholds[ti], HIGHEST_IOU_TO_REACH));
                if (best >= 0) {
                    gtTaken[best] = true;
                    matched[ti * d + i] = true;
                    ignored[ti * d + i] = gtIgnored[best];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            if (range.excludes(area(detections, i))) {
                for (int ti = 0; ti < t; ti++) {
                    ignored[ti * d + i] |= !matched[ti * d + i];
                }
            }
        }
        return new ImageCategoryMatches(scores, matched, ignored, counted);
    }

    /** D. */
    int detectionCount() {
        return scores.length;
    }

    /**
     * The ground-truth box (index into the truth) detection i takes at one threshold, or -1. Boxes are scanned
     * counted first; among equal overlaps the later box wins, as in pycocotools.
     */
    private static int bestMatch(
            double[] overlaps,
            int i,
            int g,
            int[] gtOrder,
            boolean[] gtIgnored,
            boolean[] gtTaken,
            GroundTruthOfImage truth,
            double iouToReach) {
        double bestIou = iouToReach;
        int best = -1;
        for (int k = 0; k < g; k++) {
            int j = gtOrder[k];
            if (gtTaken[j] && !truth.crowd(j)) {
                continue;
            }
            if (best >= 0 && !gtIgnored[best] && gtIgnored[j]) {
                break;
            }
            double iou = overlaps[i * g + j];
            if (iou < bestIou) {
                continue;
            }
            bestIou = iou;
            best = j;
        }
        return best;
    }

    /** Ground-truth indices, counted boxes first, each group in its original order. */
    private static int[] countedFirst(boolean[] gtIgnored, int counted) {
        int[] order = new int[gtIgnored.length];
        int nextCounted = 0;
        int nextIgnored = counted;
        for (int j = 0; j < gtIgnored.length; j++) {
            order[gtIgnored[j] ? nextIgnored++ : nextCounted++] = j;
        }
        return order;
    }

    /** A detection's area as pycocotools' {@code loadRes} stores it: width × height. */
    private static double area(float[] boxes, int i) {
        return ((double) boxes[4 * i + 2] - boxes[4 * i]) * ((double) boxes[4 * i + 3] - boxes[4 * i + 1]);
    }
}
