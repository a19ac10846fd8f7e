package dev.vigil.model.teacher;

import dev.vigil.model.box.BoxIou;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.GroundTruthBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Cleans a teacher's labels of one camera's consecutive frames by their neighbours: a box with a box of its class at
 * IoU ≥ {@link #matchIou} in one of the {@link #window} frames before or after it is kept; one seen nowhere around
 * it is likely noise and becomes an ignore region (COCO iscrowd: neither a positive nor a negative in training);
 * and where a frame lacks a box that both the frame before and the frame after have (matching each other), the
 * teacher likely missed it there, and the box is filled in, halfway between them, with the lower of their scores.
 */
public final class TemporalConsistency {

    /** Boxes this close (IoU) in neighbouring frames are one object. */
    public static final float DEFAULT_MATCH_IOU = 0.3f;

    private final int window;
    private final float matchIou;

    /**
     * @param window neighbours looked at on each side (1 or more)
     * @param matchIou boxes of one class at least this close (IoU) in neighbouring frames are one object
     */
    public TemporalConsistency(int window, float matchIou) {
        if (window < 1 || !(matchIou > 0 && matchIou <= 1)) {
            throw new IllegalArgumentException(
                    "the window must be at least 1 and the IoU in (0, 1], got " + window + ", " + matchIou);
        }
        this.window = window;
        this.matchIou = matchIou;
    }

    public int window() {
        return window;
    }

    /**
     * What cleaning did: the images with their new boxes, the teacher's boxes kept, those made ignore regions, and
     * the boxes filled in.
     */
    public record Result(List<AnnotatedImage> images, int kept, int ignored, int filled) {}

    /**
     * Cleans {@code frames}, consecutive frames of one camera in capture order. Boxes already ignore regions are
     * kept as they are.
     */
    public Result clean(List<AnnotatedImage> frames) {
        List<List<GroundTruthBox>> withFills = new ArrayList<>(frames.size());
        int filled = 0;
        for (int t = 0; t < frames.size(); t++) {
            List<GroundTruthBox> boxes = new ArrayList<>(frames.get(t).boxes());
            if (t > 0 && t + 1 < frames.size()) {
                for (GroundTruthBox before : frames.get(t - 1).boxes()) {
                    if (before.crowd() || matchIn(frames.get(t).boxes(), before) != null) {
                        continue;
                    }
                    GroundTruthBox after = matchIn(frames.get(t + 1).boxes(), before);
                    if (after != null) {
                        boxes.add(between(before, after));
                        filled++;
                    }
                }
            }
            withFills.add(boxes);
        }
        List<AnnotatedImage> out = new ArrayList<>(frames.size());
        int kept = 0;
        int ignored = 0;
        for (int t = 0; t < frames.size(); t++) {
            List<GroundTruthBox> boxes = new ArrayList<>();
            for (GroundTruthBox box : withFills.get(t)) {
                if (box.crowd() || seenAround(withFills, t, box)) {
                    boxes.add(box);
                    kept++;
                } else {
                    boxes.add(new GroundTruthBox(
                            box.x1(), box.y1(), box.x2(), box.y2(), box.categoryId(), true, box.area(), box.score()));
                    ignored++;
                }
            }
            AnnotatedImage frame = frames.get(t);
            out.add(new AnnotatedImage(frame.id(), frame.fileName(), frame.width(), frame.height(), boxes));
        }
        return new Result(out, kept - filled, ignored, filled);
    }

    private boolean seenAround(List<List<GroundTruthBox>> frames, int t, GroundTruthBox box) {
        for (int d = 1; d <= window; d++) {
            if (t - d >= 0 && matchIn(frames.get(t - d), box) != null) {
                return true;
            }
            if (t + d < frames.size() && matchIn(frames.get(t + d), box) != null) {
                return true;
            }
        }
        return false;
    }

    /** The first box of {@code boxes} of the same class as {@code box} at IoU ≥ matchIou, or null. */
    private GroundTruthBox matchIn(List<GroundTruthBox> boxes, GroundTruthBox box) {
        float[] one = {box.x1(), box.y1(), box.x2(), box.y2()};
        for (GroundTruthBox other : boxes) {
            if (other.categoryId() == box.categoryId()
                    && !other.crowd()
                    && BoxIou.matrix(one, new float[] {other.x1(), other.y1(), other.x2(), other.y2()})[0]
                            >= matchIou) {
                return other;
            }
        }
        return null;
    }

    private static GroundTruthBox between(GroundTruthBox a, GroundTruthBox b) {
        float x1 = (a.x1() + b.x1()) / 2;
        float y1 = (a.y1() + b.y1()) / 2;
        float x2 = (a.x2() + b.x2()) / 2;
        float y2 = (a.y2() + b.y2()) / 2;
        return new GroundTruthBox(
                x1, y1, x2, y2, a.categoryId(), false, (double) (x2 - x1) * (y2 - y1), Math.min(a.score(), b.score()));
    }
}
