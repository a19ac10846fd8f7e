package dev.vigil.model.data;

/**
 * One labelled box of an image, corners in the image's pixels (x2 > x1, y2 > y1).
 *
 * @param categoryId the dataset's category id ({@link Category#id()}), not a model class index
 * @param crowd COCO's {@code iscrowd} (or VOC's {@code difficult}): matched but neither counted nor missed
 * @param area the area COCO evaluation sorts by (the annotation's {@code area}; the box area when absent)
 * @param score 1 for a human label, the teacher's confidence for a pseudo-label
 */
public record GroundTruthBox(
        float x1, float y1, float x2, float y2, int categoryId, boolean crowd, double area, float score) {

    /** A human label whose area is its box's. */
    public static GroundTruthBox of(float x1, float y1, float x2, float y2, int categoryId) {
        return new GroundTruthBox(x1, y1, x2, y2, categoryId, false, (double) (x2 - x1) * (y2 - y1), 1f);
    }

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }
}
