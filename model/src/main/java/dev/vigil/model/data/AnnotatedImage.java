package dev.vigil.model.data;

import java.util.List;

/**
 * One image of a dataset and its boxes.
 *
 * @param id the dataset's image id
 * @param fileName path relative to the dataset's images folder
 */
public record AnnotatedImage(long id, String fileName, int width, int height, List<GroundTruthBox> boxes) {

    public AnnotatedImage {
        boxes = List.copyOf(boxes);
    }
}
