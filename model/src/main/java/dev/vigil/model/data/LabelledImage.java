package dev.vigil.model.data;

import dev.vigil.model.image.RgbImage;
import java.util.List;

/** A decoded image with its boxes, as training consumes them (boxes in the image's pixels). */
public record LabelledImage(RgbImage image, List<GroundTruthBox> boxes) {

    public LabelledImage {
        boxes = List.copyOf(boxes);
    }
}
