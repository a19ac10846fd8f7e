package dev.vigil.model.eval;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Precision and recall of one category's detections scoring at least a threshold, as a person counts them: per
 * image, detections by decreasing score each take the unmatched ground-truth box they overlap most (IoU at least the
 * threshold); a detection left over is a false positive unless it lies on an ignore region (crowd: at least the IoU
 * threshold of its own area inside it, COCO's crowd rule), which makes it neither.
 *
 * @param truePositives detections matched to a ground-truth box
 * @param falsePositives detections matched to nothing
 * @param groundTruth ground-truth boxes that count (not crowd)
 */
public record ThresholdPrecisionRecall(int truePositives, int falsePositives, int groundTruth) {

    /**
     * @param results detections per image id (images without an entry have none)
     */
    public static ThresholdPrecisionRecall of(
            Dataset groundTruth, List<ImageDetectionResult> results, int categoryId, float threshold, double iou) {
        Map<Long, List<ScoredBox>> byImage = new HashMap<>();
        results.forEach(r -> byImage.put(r.imageId(), r.boxes()));
        int tp = 0;
        int fp = 0;
        int counted = 0;
        for (AnnotatedImage image : groundTruth.images()) {
            List<GroundTruthBox> boxes = image.boxes().stream()
                    .filter(b -> b.categoryId() == categoryId)
                    .toList();
            counted += (int) boxes.stream().filter(b -> !b.crowd()).count();
            List<ScoredBox> detections = new ArrayList<>(byImage.getOrDefault(image.id(), List.of()).stream()
                    .filter(d -> d.categoryId() == categoryId && d.score() >= threshold)
                    .toList());
            detections.sort(Comparator.comparingDouble(ScoredBox::score).reversed());
            boolean[] taken = new boolean[boxes.size()];
            for (ScoredBox d : detections) {
                int best = -1;
                double bestIou = iou;
                boolean onIgnoreRegion = false;
                for (int g = 0; g < boxes.size(); g++) {
                    GroundTruthBox box = boxes.get(g);
                    if (box.crowd()) {
                        onIgnoreRegion |= overlap(d, box, true) >= iou;
                    } else if (!taken[g] && overlap(d, box, false) >= bestIou) {
                        bestIou = overlap(d, box, false);
                        best = g;
                    }
                }
                if (best >= 0) {
                    taken[best] = true;
                    tp++;
                } else if (!onIgnoreRegion) {
                    fp++;
                }
            }
        }
        return new ThresholdPrecisionRecall(tp, fp, counted);
    }

    /** TP / (TP + FP); 1 without detections. */
    public double precision() {
        return truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
    }

    /** TP / ground truth; 0 without ground truth. */
    public double recall() {
        return groundTruth == 0 ? 0 : truePositives / (double) groundTruth;
    }

    /** IoU, or for a crowd region the part of the detection's area inside it. */
    private static double overlap(ScoredBox d, GroundTruthBox g, boolean crowd) {
        double w = Math.min(d.x2(), g.x2()) - Math.max(d.x1(), g.x1());
        double h = Math.min(d.y2(), g.y2()) - Math.max(d.y1(), g.y1());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        double detectionArea = (double) (d.x2() - d.x1()) * (d.y2() - d.y1());
        double union = crowd ? detectionArea : detectionArea + (double) g.width() * g.height() - inter;
        return inter / union;
    }
}
