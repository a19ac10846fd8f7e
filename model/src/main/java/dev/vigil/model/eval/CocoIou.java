package dev.vigil.model.eval;

/**
 * Box overlap as pycocotools' {@code maskUtils.iou} computes it for boxes ({@code bbIou}, in double arithmetic on
 * x, y, width, height): intersection over union, but intersection over the <em>detection's</em> area for a crowd
 * ground-truth box, so that a detection inside a crowd region overlaps it fully.
 */
final class CocoIou {

    private CocoIou() {}

    /**
     * @param detections D×4 boxes
     * @param groundTruth G×4 boxes
     * @param crowd G flags: the ground-truth box is a crowd region
     * @return D×G overlaps, row-major
     */
    static double[] matrix(float[] detections, float[] groundTruth, boolean[] crowd) {
        int d = detections.length / 4;
        int g = groundTruth.length / 4;
        double[] overlaps = new double[d * g];
        for (int j = 0; j < g; j++) {
            double gx = groundTruth[4 * j];
            double gy = groundTruth[4 * j + 1];
            double gw = groundTruth[4 * j + 2] - gx;
            double gh = groundTruth[4 * j + 3] - gy;
            double groundTruthArea = gw * gh;
            for (int i = 0; i < d; i++) {
                double dx = detections[4 * i];
                double dy = detections[4 * i + 1];
                double dw = detections[4 * i + 2] - dx;
                double dh = detections[4 * i + 3] - dy;
                double w = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
                if (w <= 0) {
                    continue;
                }
                double h = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
                if (h <= 0) {
                    continue;
                }
                double intersection = w * h;
                double detectionArea = dw * dh;
                double union = crowd[j] ? detectionArea : detectionArea + groundTruthArea - intersection;
                overlaps[i * g + j] = intersection / union;
            }
        }
        return overlaps;
    }
}
