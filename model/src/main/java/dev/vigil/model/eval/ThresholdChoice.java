package dev.vigil.model.eval;

import dev.vigil.model.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a category's score threshold on a labelled validation set: of the thresholds {@link #LOWEST}, {@link
 * #LOWEST} + {@link #STEP}, … below 1, the one whose detections reach the best F1 against the ground truth (IoU 0.5,
 * ignore regions respected, as {@link ThresholdPrecisionRecall} counts), or, given a precision target, the lowest
 * (most recall) that reaches it with at least one true detection. Where several thresholds share the best F1 (a
 * plateau: no detection scores between them), the middle one is taken, which leaves a margin on either side for
 * scores that move a little on other images.
 */
public final class ThresholdChoice {

    /** The lowest threshold tried: detections must be kept down to this. */
    public static final float LOWEST = 0.05f;
    /** The step between the thresholds tried. */
    public static final float STEP = 0.01f;
    /** A detection and a ground-truth box match at this IoU. */
    public static final double MATCH_IOU = 0.5;

    /**
     * @param threshold the chosen score threshold
     * @param counts precision and recall at it
     * @param reachedTarget false when a precision target was given and no threshold reaches it (the most precise
     *     one is chosen)
     */
    public record Choice(float threshold, ThresholdPrecisionRecall counts, boolean reachedTarget) {

        /** The harmonic mean of precision and recall; 0 when both are 0. */
        public double f1() {
            return ThresholdChoice.f1(counts);
        }
    }

    private ThresholdChoice() {}

    /**
     * @param results detections of the validation images, scoring down to at least {@link #LOWEST}
     * @param minPrecision the precision target, or null for the best F1
     * @throws IllegalArgumentException when the category has no ground-truth box, or no detection of it matches one
     *     (nothing to choose by)
     */
    public static Choice choose(
            Dataset truth, List<ImageDetectionResult> results, int categoryId, Double minPrecision) {
        Choice best = null;
        Choice mostPrecise = null;
        List<Choice> all = new ArrayList<>();
        for (int step = 0; LOWEST + step * STEP < 1; step++) {
            float threshold = Math.round((LOWEST + step * STEP) * 100) / 100f;
            ThresholdPrecisionRecall counts =
                    ThresholdPrecisionRecall.of(truth, results, categoryId, threshold, MATCH_IOU);
            if (counts.groundTruth() == 0) {
                throw new IllegalArgumentException(
                        "the validation set has no box of category " + categoryId + " to choose its threshold by");
            }
            Choice here = new Choice(threshold, counts, true);
            if (minPrecision == null) {
                all.add(here);
            } else if (counts.truePositives() > 0) {
                if (best == null && counts.precision() >= minPrecision) {
                    best = here;
                }
                if (mostPrecise == null
                        || counts.precision() >= mostPrecise.counts().precision()) {
                    mostPrecise = new Choice(threshold, counts, false);
                }
            }
        }
        if (minPrecision == null) {
            double bestF1 = all.stream().mapToDouble(Choice::f1).max().orElse(0);
            List<Choice> tied =
                    all.stream().filter(c -> c.f1() >= bestF1 - 1e-12).toList();
            best = tied.get((tied.size() - 1) / 2);
        }
        if ((best == null && mostPrecise == null) || (minPrecision == null && best.f1() == 0)) {
            throw new IllegalArgumentException("no detection of category " + categoryId
                    + " matches a box of the validation set: no threshold to choose");
        }
        return best != null ? best : mostPrecise;
    }

    private static double f1(ThresholdPrecisionRecall counts) {
        double p = counts.precision();
        double r = counts.recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
