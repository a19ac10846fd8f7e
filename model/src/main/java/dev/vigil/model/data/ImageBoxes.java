package dev.vigil.model.data;

import java.util.Optional;

/** Fits a labelled box read from a dataset file into its image: clips it, or leaves it out when empty. */
final class ImageBoxes {

    private ImageBoxes() {}

    /**
     * The box clipped to {@code [0, width] × [0, height]}, or empty when it has no area there (reported to
     * {@code problems} either way).
     *
     * @param area the file's area, or NaN for the clipped box's own
     * @param entry names the box in reports
     */
    static Optional<GroundTruthBox> fit(
            float x1,
            float y1,
            float x2,
            float y2,
            int width,
            int height,
            int categoryId,
            boolean crowd,
            double area,
            float score,
            String entry,
            DatasetProblems problems) {
        if (!(x2 > x1 && y2 > y1)) {
            problems.skipped(entry, "zero-area box " + corners(x1, y1, x2, y2));
            return Optional.empty();
        }
        float cx1 = clamp(x1, width);
        float cy1 = clamp(y1, height);
        float cx2 = clamp(x2, width);
        float cy2 = clamp(y2, height);
        if (!(cx2 > cx1 && cy2 > cy1)) {
            problems.skipped(
                    entry, "box " + corners(x1, y1, x2, y2) + " lies outside the " + width + "x" + height + " image");
            return Optional.empty();
        }
        if (cx1 != x1 || cy1 != y1 || cx2 != x2 || cy2 != y2) {
            problems.clipped(
                    entry,
                    "box " + corners(x1, y1, x2, y2) + " clipped to " + corners(cx1, cy1, cx2, cy2) + " in the " + width
                            + "x" + height + " image");
        }
        double boxArea = Double.isNaN(area) ? (double) (cx2 - cx1) * (cy2 - cy1) : area;
        return Optional.of(new GroundTruthBox(cx1, cy1, cx2, cy2, categoryId, crowd, boxArea, score));
    }

    private static float clamp(float value, int max) {
        return Math.min(Math.max(value, 0f), max);
    }

    private static String corners(float x1, float y1, float x2, float y2) {
        return "(" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + ")";
    }
}
