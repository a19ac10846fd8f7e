package dev.vigil.model.eval;

import java.util.List;

/**
 * The detections of one image and one category as primitive arrays.
 *
 * @param boxes D×4
 * @param scores D
 */
record DetectionsOfImage(float[] boxes, float[] scores) {

    static final DetectionsOfImage EMPTY = new DetectionsOfImage(new float[0], new float[0]);

    static DetectionsOfImage of(List<ScoredBox> detections) {
        int d = detections.size();
        float[] boxes = new float[4 * d];
        float[] scores = new float[d];
        for (int i = 0; i < d; i++) {
            ScoredBox box = detections.get(i);
            boxes[4 * i] = box.x1();
            boxes[4 * i + 1] = box.y1();
            boxes[4 * i + 2] = box.x2();
            boxes[4 * i + 3] = box.y2();
            scores[i] = box.score();
        }
        return new DetectionsOfImage(boxes, scores);
    }

    /** D. */
    int count() {
        return scores.length;
    }

    /** The best {@code limit} detections, best first (score ties keep their order). */
    DetectionsOfImage bestFirst(int limit) {
        int[] order = ScoreOrder.descending(scores);
        int kept = Math.min(limit, order.length);
        float[] keptBoxes = new float[4 * kept];
        float[] keptScores = new float[kept];
        for (int i = 0; i < kept; i++) {
            System.arraycopy(boxes, 4 * order[i], keptBoxes, 4 * i, 4);
            keptScores[i] = scores[order[i]];
        }
        return new DetectionsOfImage(keptBoxes, keptScores);
    }
}
