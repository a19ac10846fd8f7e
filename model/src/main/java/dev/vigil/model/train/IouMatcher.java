package dev.vigil.model.train;

/**
 * Matches predictions (anchors or proposals) to ground-truth boxes by IoU, as torchvision's {@code Matcher}: each
 * prediction takes its best ground truth when that IoU is at least the high threshold, is {@link #BELOW_LOW} under
 * the low threshold and {@link #BETWEEN} in between. With low-quality matches allowed (the paper's second positive
 * rule, section 3.1.2) each ground truth's best predictions (all that tie) keep their best match whatever the IoU.
 */
public final class IouMatcher {

    /** A prediction whose best IoU is below the low threshold. */
    public static final int BELOW_LOW = -1;
    /** A prediction whose best IoU is between the thresholds. */
    public static final int BETWEEN = -2;

    private final double highThreshold;
    private final double lowThreshold;
    private final boolean allowLowQualityMatches;

    public IouMatcher(double highThreshold, double lowThreshold, boolean allowLowQualityMatches) {
        if (!(lowThreshold <= highThreshold)) {
            throw new IllegalArgumentException("low IoU threshold " + lowThreshold + " exceeds high " + highThreshold);
        }
        this.highThreshold = highThreshold;
        this.lowThreshold = lowThreshold;
        this.allowLowQualityMatches = allowLowQualityMatches;
    }

    /**
     * @param iou G×P IoUs, row-major (ground truth × prediction), from {@code BoxIou.matrix(gt, predictions)}
     * @param groundTruths G
     * @return per prediction the index of its ground truth, {@link #BELOW_LOW} or {@link #BETWEEN}
     */
    public int[] match(float[] iou, int groundTruths) {
        if (groundTruths == 0) {
            throw new IllegalArgumentException("no ground-truth boxes to match against");
        }
        int predictions = iou.length / groundTruths;
        int[] best = new int[predictions];
        float[] bestIou = new float[predictions];
        java.util.Arrays.fill(bestIou, Float.NEGATIVE_INFINITY);
        for (int g = 0; g < groundTruths; g++) {
            int row = g * predictions;
            for (int p = 0; p < predictions; p++) {
                if (iou[row + p] > bestIou[p]) {
                    bestIou[p] = iou[row + p];
                    best[p] = g;
                }
            }
        }
        int[] matches = new int[predictions];
        for (int p = 0; p < predictions; p++) {
            matches[p] = bestIou[p] >= highThreshold ? best[p] : bestIou[p] < lowThreshold ? BELOW_LOW : BETWEEN;
        }
        if (allowLowQualityMatches) {
            for (int g = 0; g < groundTruths; g++) {
                int row = g * predictions;
                float highest = 0f;
                for (int p = 0; p < predictions; p++) {
                    highest = Math.max(highest, iou[row + p]);
                }
                if (highest <= 0f) {
                    continue; // a box no prediction overlaps has no best prediction
                }
                for (int p = 0; p < predictions; p++) {
                    if (iou[row + p] == highest) {
                        matches[p] = best[p];
                    }
                }
            }
        }
        return matches;
    }
}
