package dev.vigil.model.onnx;

import dev.vigil.model.box.BoxIou;
import dev.vigil.model.detector.DetectedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How far two detectors' outputs on one image agree. Detections pair up greedily, best score first, each with the
 * other side's unpaired detection of the same class that overlaps it most (IoU at least {@link #PAIRING_IOU}).
 * Two engines running the same weights differ only by float rounding: their pairs overlap almost exactly and score
 * almost the same, and a detection without a partner can only be one whose score sits at the score threshold, where
 * rounding decides whether it is kept.
 *
 * @param pairs detections found by both
 * @param onlyFirst detections of the first without a partner
 * @param onlySecond detections of the second without a partner
 * @param minPairIou the lowest IoU of a pair (1 when there are none)
 * @param maxScoreDifference the largest score difference within a pair (0 when there are none)
 */
public record DetectionAgreement(
        int pairs,
        List<DetectedObject> onlyFirst,
        List<DetectedObject> onlySecond,
        double minPairIou,
        double maxScoreDifference) {

    /** Two detections of one class overlapping at least this much can be the same object. */
    public static final double PAIRING_IOU = 0.5;

    public DetectionAgreement {
        onlyFirst = List.copyOf(onlyFirst);
        onlySecond = List.copyOf(onlySecond);
    }

    /** Pairs {@code first}'s detections with {@code second}'s. */
    public static DetectionAgreement compare(List<DetectedObject> first, List<DetectedObject> second) {
        List<DetectedObject> a = byScore(first);
        List<DetectedObject> b = byScore(second);
        float[] iou = BoxIou.matrix(boxes(a), boxes(b));
        boolean[] taken = new boolean[b.size()];
        List<DetectedObject> onlyFirst = new ArrayList<>();
        int pairs = 0;
        double minIou = 1;
        double maxScoreDifference = 0;
        for (int i = 0; i < a.size(); i++) {
            int best = -1;
            for (int j = 0; j < b.size(); j++) {
                if (!taken[j]
                        && a.get(i).classId() == b.get(j).classId()
                        && iou[i * b.size() + j] >= PAIRING_IOU
                        && (best < 0 || iou[i * b.size() + j] > iou[i * b.size() + best])) {
                    best = j;
                }
            }
            if (best < 0) {
                onlyFirst.add(a.get(i));
                continue;
            }
            taken[best] = true;
            pairs++;
            minIou = Math.min(minIou, iou[i * b.size() + best]);
            maxScoreDifference = Math.max(
                    maxScoreDifference, Math.abs(a.get(i).score() - b.get(best).score()));
        }
        List<DetectedObject> onlySecond = new ArrayList<>();
        for (int j = 0; j < b.size(); j++) {
            if (!taken[j]) {
                onlySecond.add(b.get(j));
            }
        }
        return new DetectionAgreement(pairs, onlyFirst, onlySecond, minIou, maxScoreDifference);
    }

    /**
     * Whether the two agree as two roundings of one computation: every pair overlaps at least {@code minIou} and
     * differs in score by at most {@code scoreTolerance}, and every unpaired detection scores below
     * {@code borderlineScore} (the detector's score threshold plus {@code scoreTolerance}).
     */
    public boolean agrees(double minIou, double scoreTolerance, double borderlineScore) {
        return minPairIou >= minIou
                && maxScoreDifference <= scoreTolerance
                && onlyFirst.stream().allMatch(d -> d.score() < borderlineScore)
                && onlySecond.stream().allMatch(d -> d.score() < borderlineScore);
    }

    private static List<DetectedObject> byScore(List<DetectedObject> detections) {
        return detections.stream()
                .sorted(Comparator.comparingDouble(DetectedObject::score).reversed())
                .toList();
    }

    private static float[] boxes(List<DetectedObject> detections) {
        float[] boxes = new float[4 * detections.size()];
        for (int i = 0; i < detections.size(); i++) {
            DetectedObject d = detections.get(i);
            boxes[4 * i] = d.x1();
            boxes[4 * i + 1] = d.y1();
            boxes[4 * i + 2] = d.x2();
            boxes[4 * i + 3] = d.y2();
        }
        return boxes;
    }
}
