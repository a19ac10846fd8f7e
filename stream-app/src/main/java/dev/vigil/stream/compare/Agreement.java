package dev.vigil.stream.compare;

import dev.vigil.model.box.BoxIou;
import dev.vigil.schemas.Detection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far two detectors agree on the same frames, per class: their boxes of one label are matched one to one,
 * greedily by IoU, where the IoU is at least the threshold; what is left is only-in-A or only-in-B; a matched pair's
 * score shift is B's score minus A's. Boxes below a minimum score are left out on both sides. Not thread-safe.
 */
public final class Agreement {

    public static final double DEFAULT_IOU = 0.5;

    /**
     * One class's figures.
     *
     * @param meanScoreShift mean of B's score minus A's over the matched pairs, NaN when none matched
     * @param meanIou mean IoU of the matched pairs, NaN when none matched
     */
    public record ClassAgreement(
            String label, long matched, long onlyA, long onlyB, double meanScoreShift, double meanIou) {

        /** Matched boxes among all boxes: 1 when both found the same, 0 when none of their boxes meet. */
        public double agreement() {
            long all = matched + onlyA + onlyB;
            return all == 0 ? Double.NaN : (double) matched / all;
        }
    }

    private static final class Counts {
        long matched;
        long onlyA;
        long onlyB;
        double scoreShift;
        double iou;
    }

    private final double iouThreshold;
    private final float minScore;
    private final Map<String, Counts> byLabel = new TreeMap<>();
    private long frames;

    public Agreement(double iouThreshold, float minScore) {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("the IoU threshold must be in (0, 1], got " + iouThreshold);
        }
        this.iouThreshold = iouThreshold;
        this.minScore = minScore;
    }

    /** Adds one frame: what A and what B detected in it. */
    public void add(List<Detection> a, List<Detection> b) {
        frames++;
        Map<String, List<Detection>> aByLabel = byLabel(a);
        Map<String, List<Detection>> bByLabel = byLabel(b);
        java.util.Set<String> labels = new java.util.TreeSet<>(aByLabel.keySet());
        labels.addAll(bByLabel.keySet());
        for (String label : labels) {
            match(label, aByLabel.getOrDefault(label, List.of()), bByLabel.getOrDefault(label, List.of()));
        }
    }

    private Map<String, List<Detection>> byLabel(List<Detection> detections) {
        Map<String, List<Detection>> out = new TreeMap<>();
        for (Detection d : detections) {
            if (d.getScore() >= minScore) {
                out.computeIfAbsent(d.getLabel(), k -> new ArrayList<>()).add(d);
            }
        }
        return out;
    }

    private void match(String label, List<Detection> a, List<Detection> b) {
        Counts counts = byLabel.computeIfAbsent(label, k -> new Counts());
        if (a.isEmpty() || b.isEmpty()) {
            counts.onlyA += a.size();
            counts.onlyB += b.size();
            return;
        }
        float[] iou = BoxIou.matrix(boxes(a), boxes(b));
        record Pair(int i, int j, float iou) {}
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                float value = iou[i * b.size() + j];
                if (value >= iouThreshold) {
                    pairs.add(new Pair(i, j, value));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((Pair p) -> p.iou()).reversed());
        boolean[] usedA = new boolean[a.size()];
        boolean[] usedB = new boolean[b.size()];
        long matched = 0;
        for (Pair p : pairs) {
            if (!usedA[p.i()] && !usedB[p.j()]) {
                usedA[p.i()] = true;
                usedB[p.j()] = true;
                matched++;
                counts.scoreShift += b.get(p.j()).getScore() - a.get(p.i()).getScore();
                counts.iou += p.iou();
            }
        }
        counts.matched += matched;
        counts.onlyA += a.size() - matched;
        counts.onlyB += b.size() - matched;
    }

    private static float[] boxes(List<Detection> detections) {
        float[] boxes = new float[4 * detections.size()];
        for (int i = 0; i < detections.size(); i++) {
            Detection d = detections.get(i);
            boxes[4 * i] = d.getX1();
            boxes[4 * i + 1] = d.getY1();
            boxes[4 * i + 2] = d.getX2();
            boxes[4 * i + 3] = d.getY2();
        }
        return boxes;
    }

    /** Frames added. */
    public long frames() {
        return frames;
    }

    public double iouThreshold() {
        return iouThreshold;
    }

    /** Per class, by label. */
    public List<ClassAgreement> perClass() {
        List<ClassAgreement> out = new ArrayList<>();
        byLabel.forEach((label, c) -> out.add(new ClassAgreement(
                label,
                c.matched,
                c.onlyA,
                c.onlyB,
                c.matched == 0 ? Double.NaN : c.scoreShift / c.matched,
                c.matched == 0 ? Double.NaN : c.iou / c.matched)));
        return out;
    }
}
