package dev.vigil.model.train;

import dev.vigil.model.box.Boxes;
import dev.vigil.model.image.RgbImage;

/**
 * An image with its ground truth in its own pixels, ready for a training step.
 *
 * @param boxes G×4 boxes (x1, y1, x2, y2)
 * @param classes G model class indices ≥ 1
 * @param ignoreRegions I×4 regions where nothing is taught as background ({@link IgnoreRegions}; I may be 0)
 */
public record TrainingImage(RgbImage image, float[] boxes, int[] classes, float[] ignoreRegions) {

    /** An image without ignore regions. */
    public TrainingImage(RgbImage image, float[] boxes, int[] classes) {
        this(image, boxes, classes, new float[0]);
    }

    public TrainingImage {
        Boxes.count(ignoreRegions, "ignore regions of " + image.name());
        if (Boxes.count(boxes, "boxes of " + image.name()) != classes.length) {
            throw new IllegalArgumentException(
                    image.name() + ": " + boxes.length / 4 + " boxes but " + classes.length + " classes");
        }
        for (int c : classes) {
            if (c < 1) {
                throw new IllegalArgumentException(image.name() + ": class index " + c + " (0 is background)");
            }
        }
    }

    /** The boxes scaled to an image resized to {@code height}×{@code width}. */
    public float[] boxesResizedTo(int height, int width) {
        return resized(boxes, height, width);
    }

    /** The ignore regions scaled to an image resized to {@code height}×{@code width}. */
    public float[] ignoreRegionsResizedTo(int height, int width) {
        return resized(ignoreRegions, height, width);
    }

    private float[] resized(float[] corners, int height, int width) {
        float[] scaled = corners.clone();
        Boxes.scale(
                scaled,
                (float) width / image.size().width(),
                (float) height / image.size().height());
        return scaled;
    }
}
