package dev.vigil.model.trackeval;

import dev.vigil.model.track.LinearAssignment;
import dev.vigil.model.trackeval.TrackBox.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;

/**
 * A tracker's output scored against a ground truth as py-motmetrics' {@code utils.CLEAR_MOT_M} does, on the frames the
 * ground truth labels only:
 *
 * <ol>
 *   <li>{@code preprocess.preprocessResult}: per frame, every ground-truth box (ignore regions and boxes not scored
 *       included) is paired with the hypotheses by a minimum-cost assignment (IoU distance at most the threshold); a
 *       hypothesis paired with an ignore region is dropped;
 *   <li>per class, an accumulator is updated with the scored ground truth and the hypotheses of that class (IoU
 *       distance, pairs beyond the threshold not allowed); hypotheses without a class (a MOT results file) are scored
 *       against all classes at once;
 *   <li>the overall row adds up the classes' counts ({@code compute_overall}).
 * </ol>
 */
public final class MotEvaluation {

    /** MOT Challenge's threshold: a pair needs IoU ≥ 0.5. */
    public static final double DEFAULT_MAX_DISTANCE = 0.5;

    /** The name of the row of a class-agnostic evaluation. */
    public static final String ALL_CLASSES = "all";

    private MotEvaluation() {}

    /**
     * The result: a row per class and the overall row.
     *
     * @param droppedOnIgnoreRegions hypotheses dropped because they covered an ignore region
     * @param droppedOutsideLabelledFrames hypotheses in frames the ground truth does not label
     */
    public record Report(
            Map<String, MotMetrics> perClass,
            MotMetrics overall,
            long droppedOnIgnoreRegions,
            long droppedOutsideLabelledFrames) {}

    /**
     * @param classes the classes to score; hypotheses of other classes are left out, and so are ground-truth boxes of
     *     other classes
     * @param maxDistance the largest IoU distance (1 − IoU) of a pair
     */
    public static Report evaluate(
            TrackSequence groundTruth, TrackSequence hypotheses, Set<String> classes, double maxDistance) {
        if (!(maxDistance > 0 && maxDistance <= 1)) {
            throw new IllegalArgumentException("the IoU distance threshold must lie in (0, 1], got " + maxDistance);
        }
        NavigableSet<Integer> frames = groundTruth.labelledFrames();
        long outside = 0;
        for (int frame : hypotheses.labelledFrames()) {
            if (!frames.contains(frame)) {
                outside += hypotheses.boxes(frame).size();
            }
        }
        boolean unlabelledHypotheses = hypotheses.labels(b -> true).isEmpty() && hypotheses.size() > 0;
        List<String> rows = unlabelledHypotheses ? List.of(ALL_CLASSES) : List.copyOf(new java.util.TreeSet<>(classes));
        Map<String, MotAccumulator> accumulators = new LinkedHashMap<>();
        rows.forEach(row -> accumulators.put(row, new MotAccumulator()));
        long dropped = 0;
        for (int frame : frames) {
            List<TrackBox> truth = groundTruth.boxes(frame);
            List<TrackBox> kept = new ArrayList<>();
            for (TrackBox h : hypotheses.boxes(frame)) {
                if (h.label() == null || classes.contains(h.label())) {
                    kept.add(h);
                }
            }
            List<TrackBox> scoredHypotheses = withoutIgnoredHypotheses(truth, kept, maxDistance);
            dropped += kept.size() - scoredHypotheses.size();
            for (String row : rows) {
                List<TrackBox> objects = new ArrayList<>();
                for (TrackBox o : truth) {
                    if (o.kind() == Kind.SCORED
                            && classes.contains(o.label())
                            && (unlabelledHypotheses || row.equals(o.label()))) {
                        objects.add(o);
                    }
                }
                List<TrackBox> rowHypotheses = new ArrayList<>();
                for (TrackBox h : scoredHypotheses) {
                    if (unlabelledHypotheses || row.equals(h.label())) {
                        rowHypotheses.add(h);
                    }
                }
                update(accumulators.get(row), frame, objects, rowHypotheses, maxDistance);
            }
        }
        Map<String, MotMetrics> perClass = new LinkedHashMap<>();
        accumulators.forEach((row, accumulator) -> perClass.put(row, MotMetrics.of(accumulator)));
        return new Report(perClass, MotMetrics.overall(List.copyOf(perClass.values())), dropped, outside);
    }

    /** {@code preprocessResult}: the hypotheses less those that the frame's assignment pairs with an ignore region. */
    static List<TrackBox> withoutIgnoredHypotheses(
            List<TrackBox> truth, List<TrackBox> hypotheses, double maxDistance) {
        if (truth.stream().noneMatch(b -> b.kind() == Kind.IGNORE_REGION)) {
            return hypotheses;
        }
        int[] assignment = LinearAssignment.maximumMatching(distances(truth, hypotheses, maxDistance));
        boolean[] drop = new boolean[hypotheses.size()];
        for (int i = 0; i < truth.size(); i++) {
            if (assignment[i] != LinearAssignment.UNASSIGNED && truth.get(i).kind() == Kind.IGNORE_REGION) {
                drop[assignment[i]] = true;
            }
        }
        List<TrackBox> kept = new ArrayList<>();
        for (int j = 0; j < hypotheses.size(); j++) {
            if (!drop[j]) {
                kept.add(hypotheses.get(j));
            }
        }
        return kept;
    }

    private static void update(
            MotAccumulator accumulator,
            int frame,
            List<TrackBox> objects,
            List<TrackBox> hypotheses,
            double maxDistance) {
        long[] objectIds = objects.stream().mapToLong(TrackBox::id).toArray();
        long[] hypothesisIds = hypotheses.stream().mapToLong(TrackBox::id).toArray();
        accumulator.update(frame, objectIds, hypothesisIds, distances(objects, hypotheses, maxDistance));
    }

    /** {@code iou_matrix(objs, hyps, max_iou)}: 1 − IoU, NaN beyond the threshold. */
    static double[][] distances(List<TrackBox> objects, List<TrackBox> hypotheses, double maxDistance) {
        double[][] d = new double[objects.size()][hypotheses.size()];
        for (int i = 0; i < objects.size(); i++) {
            for (int j = 0; j < hypotheses.size(); j++) {
                double distance = objects.get(i).iouDistance(hypotheses.get(j));
                d[i][j] = distance > maxDistance ? Double.NaN : distance;
            }
        }
        return d;
    }
}
