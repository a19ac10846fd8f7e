package dev.vigil.model.teacher;

import dev.vigil.model.detector.DetectedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Weighted boxes fusion (Solovyev, Wang, Gabruseva, "Weighted boxes fusion: Ensembling boxes from different object
 * detection models", 2021), as ZFTurbo's {@code ensemble_boxes.weighted_boxes_fusion} computes it with
 * {@code conf_type='avg'}: per class, the boxes of all models by decreasing weighted score (score × model weight)
 * join the cluster whose fused box overlaps them most with IoU above the threshold, or start a new one; a cluster's
 * box is the score-weighted mean of its boxes, its score the mean weighted score × min(models, boxes) / sum of
 * weights. A box only one of two equally weighted models saw keeps half its score, one both saw keeps the mean.
 *
 * @param iouThreshold a box joins a cluster when its IoU with the fused box is above this (the reference's 0.55)
 * @param skipThreshold boxes scoring below this (before weighting) are left out
 */
public record WeightedBoxFusion(float iouThreshold, float skipThreshold) {

    /** How a fused box is scored (ZFTurbo's {@code conf_type}). */
    public enum ScoreMode {
        /**
         * {@code 'avg'}: the mean weighted score × min(models, boxes) / sum of weights; a box fewer models saw scores
         * lower (agreement counts).
         */
        AVG,
        /**
         * {@code 'max'}: the highest weighted score / the highest weight; a box any model saw keeps its best score
         * (the union of the models, boxes still averaged).
         */
        MAX
    }

    /** The reference implementation's defaults' IoU: 0.55. */
    public static final float DEFAULT_IOU_THRESHOLD = 0.55f;

    public WeightedBoxFusion {
        if (!(iouThreshold >= 0 && iouThreshold <= 1) || !(skipThreshold >= 0 && skipThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "WBF thresholds must be in [0, 1], got IoU " + iouThreshold + " and skip " + skipThreshold);
        }
    }

    private record Member(DetectedObject box, float weightedScore) {}

    private static final class Cluster {
        final List<Member> members = new ArrayList<>();
        float x1;
        float y1;
        float x2;
        float y2;

        Cluster(Member first) {
            add(first);
        }

        void add(Member member) {
            members.add(member);
            double sum = 0;
            double a = 0;
            double b = 0;
            double c = 0;
            double d = 0;
            for (Member m : members) {
                sum += m.weightedScore;
                a += m.weightedScore * m.box.x1();
                b += m.weightedScore * m.box.y1();
                c += m.weightedScore * m.box.x2();
                d += m.weightedScore * m.box.y2();
            }
            x1 = (float) (a / sum);
            y1 = (float) (b / sum);
            x2 = (float) (c / sum);
            y2 = (float) (d / sum);
        }

        double meanScore() {
            return members.stream().mapToDouble(Member::weightedScore).sum() / members.size();
        }

        double maxScore() {
            return members.stream().mapToDouble(Member::weightedScore).max().orElse(0);
        }
    }

    /**
     * Fuses the models' detections of one image.
     *
     * @param perModel each model's detections, with class ids and labels from one shared class list
     * @param weights each model's weight
     * @return the fused boxes by decreasing score, class id and label kept
     */
    public List<DetectedObject> fuse(List<List<DetectedObject>> perModel, double[] weights) {
        return fuse(perModel, weights, ScoreMode.AVG);
    }

    /**
     * Fuses the models' detections of one image, scoring the fused boxes as {@code mode} says.
     *
     * @param perModel each model's detections, with class ids and labels from one shared class list
     * @param weights each model's weight
     * @return the fused boxes by decreasing score, class id and label kept
     */
    public List<DetectedObject> fuse(List<List<DetectedObject>> perModel, double[] weights, ScoreMode mode) {
        if (perModel.size() != weights.length) {
            throw new IllegalArgumentException(
                    "WBF needs one weight per model, got " + weights.length + " for " + perModel.size());
        }
        double weightSum = 0;
        double weightMax = 0;
        List<Member> all = new ArrayList<>();
        for (int m = 0; m < perModel.size(); m++) {
            if (!(weights[m] > 0)) {
                throw new IllegalArgumentException("WBF model weights must be positive, got " + weights[m]);
            }
            weightSum += weights[m];
            weightMax = Math.max(weightMax, weights[m]);
            for (DetectedObject d : perModel.get(m)) {
                if (d.score() >= skipThreshold && d.x2() > d.x1() && d.y2() > d.y1()) {
                    all.add(new Member(d, (float) (d.score() * weights[m])));
                }
            }
        }
        all.sort(Comparator.comparingDouble(Member::weightedScore).reversed());
        List<Cluster> clusters = new ArrayList<>();
        for (Member member : all) {
            Cluster best = null;
            double bestIou = iouThreshold;
            for (Cluster cluster : clusters) {
                if (cluster.members.get(0).box.classId() != member.box.classId()) {
                    continue;
                }
                double iou = iou(cluster, member.box);
                if (iou > bestIou) {
                    bestIou = iou;
                    best = cluster;
                }
            }
            if (best != null) {
                best.add(member);
            } else {
                clusters.add(new Cluster(member));
            }
        }
        List<DetectedObject> fused = new ArrayList<>(clusters.size());
        for (Cluster c : clusters) {
            DetectedObject first = c.members.get(0).box;
            double score = mode == ScoreMode.MAX
                    ? c.maxScore() / weightMax
                    : c.meanScore() * Math.min(weights.length, c.members.size()) / weightSum;
            fused.add(new DetectedObject(first.classId(), first.label(), (float) score, c.x1, c.y1, c.x2, c.y2));
        }
        fused.sort(Comparator.comparingDouble(DetectedObject::score).reversed());
        return fused;
    }

    private static double iou(Cluster c, DetectedObject d) {
        double w = Math.min(c.x2, d.x2()) - Math.max(c.x1, d.x1());
        double h = Math.min(c.y2, d.y2()) - Math.max(c.y1, d.y1());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double intersection = w * h;
        double union = (c.x2 - c.x1) * (c.y2 - c.y1) + (d.x2() - d.x1()) * (d.y2() - d.y1()) - intersection;
        return intersection / union;
    }
}
