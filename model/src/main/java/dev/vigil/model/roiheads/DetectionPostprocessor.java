package dev.vigil.model.roiheads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.box.BoxCoder;
import dev.vigil.model.box.Boxes;
import dev.vigil.model.box.Nms;
import dev.vigil.model.image.ImageSize;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the head's outputs into detections, as torchvision's {@code RoIHeads.postprocess_detections}: softmax over
 * classes; per class decode of the proposal's deltas; clip to the image; every (proposal, class ≠ background) pair
 * a candidate; keep scores above the threshold; drop boxes with a side below the minimum; per-class NMS; the best
 * {@code detectionsPerImage} by score. Boxes stay in resized-image pixels.
 */
public final class DetectionPostprocessor {

    private final BoxHeadConfig settings;
    private final BoxCoder boxCoder;

    public DetectionPostprocessor(BoxHeadConfig settings) {
        this.settings = settings;
        this.boxCoder = BoxCoder.of(settings.boxCoderWeights());
    }

    /**
     * @param classLogits ΣK×C logits, image after image
     * @param boxRegression ΣK×4C deltas
     * @param proposals per image K_i×4 proposals (row-major), the boxes the deltas refer to
     * @param imageSizes per image the resized size, for clipping
     * @return per image its detections, best first
     */
    public List<ImageDetections> apply(
            NDArray classLogits, NDArray boxRegression, List<float[]> proposals, List<ImageSize> imageSizes) {
        int numClasses = (int) classLogits.getShape().get(1);
        float[] scores;
        float[] boxes;
        try (NDManager scope = classLogits.getManager().newSubManager()) {
            NDList references = new NDList(proposals.size());
            for (float[] imageProposals : proposals) {
                references.add(scope.create(imageProposals, new Shape(imageProposals.length / 4, 4)));
            }
            NDArray allProposals = NDArrays.concat(references);
            boxes = boxCoder.decode(boxRegression, allProposals).toFloatArray();
            scores = classLogits.softmax(-1).toFloatArray();
        }
        List<ImageDetections> detections = new ArrayList<>(proposals.size());
        int first = 0;
        for (int i = 0; i < proposals.size(); i++) {
            int count = proposals.get(i).length / 4;
            detections.add(detectInImage(boxes, scores, first, count, numClasses, imageSizes.get(i)));
            first += count;
        }
        return detections;
    }

    /** Detections from proposals [first, first + count) of the flat ΣK×C×4 boxes and ΣK×C scores. */
    private ImageDetections detectInImage(
            float[] boxes, float[] scores, int first, int count, int numClasses, ImageSize imageSize) {
        int candidates = 0;
        for (int k = first; k < first + count; k++) {
            for (int c = 1; c < numClasses; c++) {
                if (scores[k * numClasses + c] > settings.scoreThreshold()) {
                    candidates++;
                }
            }
        }
        float[] candidateBoxes = new float[4 * candidates];
        float[] candidateScores = new float[candidates];
        int[] candidateLabels = new int[candidates];
        int n = 0;
        for (int k = first; k < first + count; k++) {
            for (int c = 1; c < numClasses; c++) {
                int pair = k * numClasses + c;
                if (scores[pair] > settings.scoreThreshold()) {
                    System.arraycopy(boxes, 4 * pair, candidateBoxes, 4 * n, 4);
                    candidateScores[n] = scores[pair];
                    candidateLabels[n] = c;
                    n++;
                }
            }
        }
        Boxes.clipToImage(candidateBoxes, imageSize.height(), imageSize.width());
        int[] big = Boxes.keepMinSize(candidateBoxes, settings.minBoxSize());
        candidateBoxes = Boxes.selectBoxes(candidateBoxes, big);
        candidateScores = Boxes.selectValues(candidateScores, big);
        candidateLabels = Boxes.selectValues(candidateLabels, big);
        int[] kept = Nms.batchedNms(
                candidateBoxes,
                candidateScores,
                candidateLabels,
                settings.nmsThreshold(),
                settings.detectionsPerImage());
        return new ImageDetections(
                Boxes.selectBoxes(candidateBoxes, kept),
                Boxes.selectValues(candidateScores, kept),
                Boxes.selectValues(candidateLabels, kept));
    }
}
