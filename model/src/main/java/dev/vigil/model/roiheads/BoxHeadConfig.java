package dev.vigil.model.roiheads;

import dev.vigil.model.box.BoxCoder;

/**
 * Numbers of the detection head at test time (torchvision's {@code RoIHeads} box part).
 *
 * @param representationSize width of fc6/fc7
 * @param dropout dropout after fc6 and fc7 while training
 * @param boxCoderWeights (wx, wy, ww, wh) of the class-specific box deltas
 * @param scoreThreshold (class, box) pairs scoring at most this are dropped
 * @param nmsThreshold per-class NMS IoU threshold
 * @param detectionsPerImage most detections kept per image, by score
 * @param minBoxSize detections with a side below this (pixels) are dropped
 */
public record BoxHeadConfig(
        int representationSize,
        float dropout,
        float[] boxCoderWeights,
        float scoreThreshold,
        double nmsThreshold,
        int detectionsPerImage,
        float minBoxSize) {

    /** torchvision's {@code box_score_thresh}. */
    public static final float SCORE_THRESHOLD = 0.05f;
    /** torchvision's {@code box_nms_thresh}. */
    public static final double NMS_THRESHOLD = 0.5;
    /** Fast R-CNN's test-time NMS (the paper's VGG-16 model). */
    public static final double PAPER_NMS_THRESHOLD = 0.3;
    /** torchvision's {@code box_detections_per_img}. */
    public static final int DETECTIONS_PER_IMAGE = 100;
    /** torchvision's {@code remove_small_boxes(boxes, min_size=1e-2)} in {@code postprocess_detections}. */
    public static final float MIN_BOX_SIZE = 1e-2f;

    public BoxHeadConfig {
        if (boxCoderWeights.length != 4) {
            throw new IllegalArgumentException("box coder weights are (wx, wy, ww, wh), got " + boxCoderWeights.length);
        }
        if (detectionsPerImage <= 0) {
            throw new IllegalArgumentException("detectionsPerImage must be positive, got " + detectionsPerImage);
        }
        boxCoderWeights = boxCoderWeights.clone();
    }

    /** torchvision's FPN head: 1024 wide, no dropout, weights (10, 10, 5, 5), 0.05 / 0.5 / 100. */
    public static BoxHeadConfig torchvision() {
        return new BoxHeadConfig(
                TwoMlpHead.TORCHVISION_REPRESENTATION_SIZE,
                0f,
                BoxCoder.boxHead().weights(),
                SCORE_THRESHOLD,
                NMS_THRESHOLD,
                DETECTIONS_PER_IMAGE,
                MIN_BOX_SIZE);
    }

    /** The paper's VGG-16 head: 4096 wide, dropout 0.5, NMS 0.3. */
    public static BoxHeadConfig paperVgg16() {
        return new BoxHeadConfig(
                TwoMlpHead.VGG16_REPRESENTATION_SIZE,
                TwoMlpHead.VGG16_DROPOUT,
                BoxCoder.boxHead().weights(),
                SCORE_THRESHOLD,
                PAPER_NMS_THRESHOLD,
                DETECTIONS_PER_IMAGE,
                MIN_BOX_SIZE);
    }

    /** The same head with fc6 / fc7 of another width. */
    public BoxHeadConfig withRepresentationSize(int width) {
        return new BoxHeadConfig(
                width, dropout, boxCoderWeights, scoreThreshold, nmsThreshold, detectionsPerImage, minBoxSize);
    }

    /** The same head with another score threshold. */
    public BoxHeadConfig withScoreThreshold(float threshold) {
        return new BoxHeadConfig(
                representationSize, dropout, boxCoderWeights, threshold, nmsThreshold, detectionsPerImage, minBoxSize);
    }

    @Override
    public float[] boxCoderWeights() {
        return boxCoderWeights.clone();
    }
}
