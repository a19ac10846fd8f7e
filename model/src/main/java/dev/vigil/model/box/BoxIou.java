package dev.vigil.model.box;

import ai.djl.ndarray.NDArray;

/**
 * Intersection over union between two sets of (x1, y1, x2, y2) boxes, as torchvision's {@code box_iou}:
 * {@code inter / (area1 + area2 - inter)} in float arithmetic. Two empty boxes give 0/0 = NaN, as in torchvision.
 */
public final class BoxIou {

    private BoxIou() {}

    /**
     * IoU of every pair.
     *
     * @param boxes1 N×4 boxes
     * @param boxes2 M×4 boxes
     * @return N×M IoU matrix, row-major
     */
    public static float[] matrix(float[] boxes1, float[] boxes2) {
        int n = Boxes.count(boxes1, "boxes1");
        int m = Boxes.count(boxes2, "boxes2");
        float[] areas2 = Boxes.areas(boxes2);
        float[] iou = new float[n * m];
        for (int i = 0; i < n; i++) {
            int a = i * Boxes.COORDS;
            float ax1 = boxes1[a];
            float ay1 = boxes1[a + 1];
            float ax2 = boxes1[a + 2];
            float ay2 = boxes1[a + 3];
            float area1 = (ax2 - ax1) * (ay2 - ay1);
            for (int j = 0; j < m; j++) {
                int b = j * Boxes.COORDS;
                float w = Math.max(Math.min(ax2, boxes2[b + 2]) - Math.max(ax1, boxes2[b]), 0f);
                float h = Math.max(Math.min(ay2, boxes2[b + 3]) - Math.max(ay1, boxes2[b + 1]), 0f);
                float inter = w * h;
                iou[i * m + j] = inter / (area1 + areas2[j] - inter);
            }
        }
        return iou;
    }

    /**
     * Intersection over the first box's own area (IoF), for every pair: how much of each box of {@code boxes1} lies
     * inside each box of {@code boxes2}. An empty first box gives 0.
     *
     * @param boxes1 N×4 boxes
     * @param boxes2 M×4 boxes
     * @return N×M matrix, row-major
     */
    public static float[] intersectionOverFirst(float[] boxes1, float[] boxes2) {
        int n = Boxes.count(boxes1, "boxes1");
        int m = Boxes.count(boxes2, "boxes2");
        float[] iof = new float[n * m];
        for (int i = 0; i < n; i++) {
            int a = i * Boxes.COORDS;
            float area1 = (boxes1[a + 2] - boxes1[a]) * (boxes1[a + 3] - boxes1[a + 1]);
            if (!(area1 > 0)) {
                continue;
            }
            for (int j = 0; j < m; j++) {
                int b = j * Boxes.COORDS;
                float w = Math.max(Math.min(boxes1[a + 2], boxes2[b + 2]) - Math.max(boxes1[a], boxes2[b]), 0f);
                float h = Math.max(Math.min(boxes1[a + 3], boxes2[b + 3]) - Math.max(boxes1[a + 1], boxes2[b + 1]), 0f);
                iof[i * m + j] = w * h / area1;
            }
        }
        return iof;
    }

    /**
     * IoU of every pair, on the engine (differentiable).
     *
     * @param boxes1 N×4 boxes
     * @param boxes2 M×4 boxes
     * @return N×M IoU matrix
     */
    public static NDArray matrix(NDArray boxes1, NDArray boxes2) {
        checkShape(boxes1, "boxes1");
        checkShape(boxes2, "boxes2");
        NDArray area1 = area(boxes1);
        NDArray area2 = area(boxes2);
        NDArray leftTop = boxes1.get(":, :2").expandDims(1).maximum(boxes2.get(":, :2"));
        NDArray rightBottom = boxes1.get(":, 2:").expandDims(1).minimum(boxes2.get(":, 2:"));
        NDArray wh = rightBottom.sub(leftTop).maximum(0f);
        NDArray inter = wh.get(":, :, 0").mul(wh.get(":, :, 1"));
        NDArray union = area1.expandDims(1).add(area2).sub(inter);
        return inter.div(union);
    }

    /** Areas of K×4 boxes → K. */
    public static NDArray area(NDArray boxes) {
        return boxes.get(":, 2").sub(boxes.get(":, 0")).mul(boxes.get(":, 3").sub(boxes.get(":, 1")));
    }

    static void checkShape(NDArray boxes, String name) {
        if (boxes.getShape().dimension() != 2 || boxes.getShape().get(1) != Boxes.COORDS) {
            throw new IllegalArgumentException(name + " must have shape K×4, got " + boxes.getShape());
        }
    }
}
