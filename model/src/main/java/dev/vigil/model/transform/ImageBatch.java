package dev.vigil.model.transform;

import ai.djl.ndarray.NDArray;
import dev.vigil.model.image.ImageSize;
import java.util.List;

/**
 * Images made ready for the network: normalised, resized, and zero-padded into one batch.
 *
 * @param images N×3×H×W, H and W multiples of the size divisor; image i occupies the top-left
 *     {@code resizedSizes.get(i)} corner
 * @param resizedSizes per image, the size after resizing (before padding); boxes are predicted in these pixels
 * @param originalSizes per image, the size as given; detections are reported in these pixels
 */
public record ImageBatch(NDArray images, List<ImageSize> resizedSizes, List<ImageSize> originalSizes) {

    public ImageBatch {
        resizedSizes = List.copyOf(resizedSizes);
        originalSizes = List.copyOf(originalSizes);
    }

    /** N. */
    public int size() {
        return resizedSizes.size();
    }

    /** Height of the padded batch. */
    public int paddedHeight() {
        return (int) images.getShape().get(2);
    }

    /** Width of the padded batch. */
    public int paddedWidth() {
        return (int) images.getShape().get(3);
    }
}
