package dev.vigil.model.eval;

import dev.vigil.model.box.BoxIou;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.detector.DetectedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why a frame's labels are worth a person's look: a teacher box scored low, or the current model disagrees with the
 * labels (it finds an object no label has, or finds nothing where a label is). Boxes match when their classes are
 * the same and their IoU is at least {@link #matchIou}; a detection lying mostly (half its area) in an ignore region
 * of its class matches it.
 *
 * @param lowScore a teacher box scoring below this is doubtful
 * @param modelScore the model's detections from this score on are compared with the labels
 * @param matchIou boxes this close are one object
 */
public record LabelReview(float lowScore, float modelScore, float matchIou) {

    /**
     * The reasons to look at one frame, empty when there is none.
     *
     * @param teacherLabels whether the labels are a teacher's (their scores mean something)
     * @param classNames category id → name of the labels
     * @param detections the model's detections on the frame, or null when there is no model to compare with
     */
    public List<String> reasons(
            AnnotatedImage frame,
            boolean teacherLabels,
            Map<Integer, String> classNames,
            List<DetectedObject> detections) {
        List<String> reasons = new ArrayList<>();
        for (GroundTruthBox box : frame.boxes()) {
            if (teacherLabels && !box.crowd() && box.score() < lowScore) {
                reasons.add(String.format(
                        Locale.ROOT,
                        "teacher's %s scored %.2f < %.2f at %s",
                        classNames.get(box.categoryId()),
                        box.score(),
                        lowScore,
                        where(box.x1(), box.y1(), box.x2(), box.y2())));
            }
        }
        if (detections == null) {
            return reasons;
        }
        List<DetectedObject> confident =
                detections.stream().filter(d -> d.score() >= modelScore).toList();
        for (DetectedObject d : confident) {
            boolean labelled = frame.boxes().stream()
                    .anyMatch(b -> d.label().equals(classNames.get(b.categoryId()))
                            && (b.crowd() ? insideRegion(d, b) : iou(b, d) >= matchIou));
            if (!labelled) {
                reasons.add(String.format(
                        Locale.ROOT,
                        "model adds %s %.2f at %s",
                        d.label(),
                        d.score(),
                        where(d.x1(), d.y1(), d.x2(), d.y2())));
            }
        }
        for (GroundTruthBox box : frame.boxes()) {
            String label = classNames.get(box.categoryId());
            if (box.crowd()) {
                continue;
            }
            boolean found = confident.stream().anyMatch(d -> d.label().equals(label) && iou(box, d) >= matchIou);
            if (!found) {
                reasons.add("model misses " + label + " at " + where(box.x1(), box.y1(), box.x2(), box.y2()));
            }
        }
        return reasons;
    }

    /** Whether most of the detection (half its area or more) lies in the ignore region. */
    private static boolean insideRegion(DetectedObject d, GroundTruthBox region) {
        return BoxIou.intersectionOverFirst(
                        new float[] {d.x1(), d.y1(), d.x2(), d.y2()},
                        new float[] {region.x1(), region.y1(), region.x2(), region.y2()})[0]
                >= 0.5f;
    }

    private static float iou(GroundTruthBox box, DetectedObject d) {
        return BoxIou.matrix(
                new float[] {box.x1(), box.y1(), box.x2(), box.y2()}, new float[] {d.x1(), d.y1(), d.x2(), d.y2()})[0];
    }

    private static String where(float x1, float y1, float x2, float y2) {
        return String.format(Locale.ROOT, "[%.0f, %.0f, %.0f, %.0f]", x1, y1, x2, y2);
    }
}
