package dev.vigil.model.eval;

import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * PASCAL VOC detection AP per category, as the devkit's {@code voc_eval}: all detections of a category, best first,
 * each take the ground-truth box of its image it overlaps most; above the IoU threshold that is a true positive if
 * the box is still free, a false positive if already taken, and neither if the box is "difficult" (here:
 * {@link dev.vigil.model.data.GroundTruthBox#crowd()}); below it a false positive. Difficult boxes are not counted
 * as positives. Score ties keep image order (by id), then the order given.
 */
public final class VocEvaluator {

    public static final double DEFAULT_IOU_THRESHOLD = 0.5;
    /** Box side = x2 - x1 + offset: 0 for continuous pixel corners (torchvision's), 1 for the devkit's integer ones. */
    public static final double CONTINUOUS_CORNERS = 0;

    public static final double DEVKIT_INCLUSIVE_PIXELS = 1;

    /** numpy's float64 eps, the devkit's floor on precision's denominator. */
    private static final double EPSILON = Math.ulp(1.0);

    private final double iouThreshold;
    private final double sideOffset;

    public VocEvaluator() {
        this(DEFAULT_IOU_THRESHOLD, CONTINUOUS_CORNERS);
    }

    /**
     * @param iouThreshold the overlap a detection must exceed (strictly) to be a true positive
     * @param sideOffset added to every box side: {@link #CONTINUOUS_CORNERS} or {@link #DEVKIT_INCLUSIVE_PIXELS}
     */
    public VocEvaluator(double iouThreshold, double sideOffset) {
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("VOC IoU threshold must be in [0, 1], got " + iouThreshold);
        }
        this.iouThreshold = iouThreshold;
        this.sideOffset = sideOffset;
    }

    public VocEvaluation evaluate(Dataset groundTruth, List<ImageDetectionResult> detections) {
        EvaluationSet set = new EvaluationSet(groundTruth, detections);
        List<VocClassResult> results = new ArrayList<>();
        for (Category category : set.categories()) {
            results.add(evaluate(set, category));
        }
        return new VocEvaluation(results);
    }

    private VocClassResult evaluate(EvaluationSet set, Category category) {
        int positives = 0;
        int total = 0;
        for (int n = 0; n < set.imageCount(); n++) {
            GroundTruthOfImage truth = set.truth(n, category.id());
            for (int j = 0; j < truth.count(); j++) {
                positives += truth.crowd(j) ? 0 : 1;
            }
            total += set.detections(n, category.id()).count();
        }
        if (positives == 0) {
            return new VocClassResult(category, 0, VocEvaluation.UNDEFINED, VocEvaluation.UNDEFINED);
        }
        float[] scores = new float[total];
        int[] imageOf = new int[total];
        int[] indexInImage = new int[total];
        int next = 0;
        for (int n = 0; n < set.imageCount(); n++) {
            DetectionsOfImage found = set.detections(n, category.id());
            for (int i = 0; i < found.count(); i++) {
                scores[next] = found.scores()[i];
                imageOf[next] = n;
                indexInImage[next++] = i;
            }
        }
        int[] order = ScoreOrder.descending(scores);
        boolean[][] taken = new boolean[set.imageCount()][];
        double[] recall = new double[total];
        double[] precision = new double[total];
        int truePositives = 0;
        int falsePositives = 0;
        for (int rank = 0; rank < total; rank++) {
            int n = imageOf[order[rank]];
            GroundTruthOfImage truth = set.truth(n, category.id());
            if (taken[n] == null) {
                taken[n] = new boolean[truth.count()];
            }
            float[] boxes = set.detections(n, category.id()).boxes();
            int best = -1;
            double bestOverlap = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < truth.count(); j++) {
                double overlap = overlap(boxes, indexInImage[order[rank]], truth.boxes(), j);
                if (overlap > bestOverlap) {
                    bestOverlap = overlap;
                    best = j;
                }
            }
            if (best >= 0 && bestOverlap > iouThreshold) {
                if (!truth.crowd(best)) {
                    if (taken[n][best]) {
                        falsePositives++;
                    } else {
                        taken[n][best] = true;
                        truePositives++;
                    }
                }
            } else {
                falsePositives++;
            }
            recall[rank] = (double) truePositives / positives;
            precision[rank] = truePositives / Math.max((double) truePositives + falsePositives, EPSILON);
        }
        return new VocClassResult(
                category,
                positives,
                VocAveragePrecision.elevenPoint(recall, precision),
                VocAveragePrecision.allPoint(recall, precision));
    }

    /** IoU of detection i and ground-truth box j with the side offset. */
    private double overlap(float[] detections, int i, float[] truth, int j) {
        double w = Math.max(
                Math.min(detections[4 * i + 2], truth[4 * j + 2])
                        - Math.max(detections[4 * i], truth[4 * j])
                        + sideOffset,
                0);
        double h = Math.max(
                Math.min(detections[4 * i + 3], truth[4 * j + 3])
                        - Math.max(detections[4 * i + 1], truth[4 * j + 1])
                        + sideOffset,
                0);
        double intersection = w * h;
        double union = side(detections, 4 * i) * side(detections, 4 * i + 1)
                + side(truth, 4 * j) * side(truth, 4 * j + 1)
                - intersection;
        return intersection / union;
    }

    /** The box side starting at coordinate {@code at} (x1 or y1): x2 - x1 + offset. */
    private double side(float[] boxes, int at) {
        return (double) boxes[at + 2] - boxes[at] + sideOffset;
    }
}
