package dev.vigil.model.eval;

/**
 * A band of object areas COCO reports metrics for; ground truth whose area lies outside (bounds inclusive) is
 * ignored, and so are detections that match nothing and lie outside.
 *
 * @param label the name COCO prints ("all", "small", ...)
 * @param min smallest area in the band, in square pixels
 * @param max largest area in the band, in square pixels
 */
public record AreaRange(String label, double min, double max) {

    /** COCO's "small" objects are below 32² pixels, "large" above 96². */
    public static final double SMALL_MEDIUM_BOUND = 32 * 32;

    public static final double MEDIUM_LARGE_BOUND = 96 * 96;
    /** pycocotools' stand-in for "no upper bound": 1e5². */
    public static final double UNBOUNDED = 1e5 * 1e5;

    public static final AreaRange ALL = new AreaRange("all", 0, UNBOUNDED);
    public static final AreaRange SMALL = new AreaRange("small", 0, SMALL_MEDIUM_BOUND);
    public static final AreaRange MEDIUM = new AreaRange("medium", SMALL_MEDIUM_BOUND, MEDIUM_LARGE_BOUND);
    public static final AreaRange LARGE = new AreaRange("large", MEDIUM_LARGE_BOUND, UNBOUNDED);

    public AreaRange {
        if (!(min <= max)) {
            throw new IllegalArgumentException("area range '" + label + "': min " + min + " exceeds max " + max);
        }
    }

    public boolean excludes(double area) {
        return area < min || area > max;
    }
}
