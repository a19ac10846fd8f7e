package dev.vigil.model.roiheads;

/**
 * The detections of one image, best first, as parallel primitive arrays.
 *
 * @param boxes D×4 (x1, y1, x2, y2), row-major
 * @param scores D class probabilities
 * @param labels D class indices (1..C-1; 0 is background and never reported)
 */
public record ImageDetections(float[] boxes, float[] scores, int[] labels) {

    public ImageDetections {
        if (boxes.length != 4 * scores.length || labels.length != scores.length) {
            throw new IllegalArgumentException("boxes, scores and labels disagree on the number of detections: "
                    + boxes.length / 4 + ", " + scores.length + ", " + labels.length);
        }
    }

    /** D. */
    public int count() {
        return scores.length;
    }
}
