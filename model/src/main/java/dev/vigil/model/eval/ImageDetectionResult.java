package dev.vigil.model.eval;

import java.util.List;

/**
 * The detections a detector returned for one dataset image. The order of {@code boxes} breaks score ties, as the
 * order of a COCO results file does for pycocotools.
 *
 * @param imageId the dataset's image id ({@link dev.vigil.model.data.AnnotatedImage#id()})
 */
public record ImageDetectionResult(long imageId, List<ScoredBox> boxes) {

    public ImageDetectionResult {
        boxes = List.copyOf(boxes);
    }
}
