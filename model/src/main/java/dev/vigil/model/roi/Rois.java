package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.box.Boxes;
import java.util.List;

/**
 * Regions of interest in torchvision's {@code Tensor[K, 5]} form: per row (batch index, x1, y1, x2, y2), coordinates
 * in image pixels. Packed row-major in a {@code float[]}.
 */
public final class Rois {

    /** Floats per RoI: batch index and four coordinates. */
    public static final int STRIDE = 5;

    private Rois() {}

    /**
     * Checks {@code rois} against a batch of {@code numImages} images and returns K.
     *
     * @throws IllegalArgumentException when the length is not a multiple of 5 or a batch index is not an integer in
     *     [0, numImages)
     */
    public static int count(float[] rois, int numImages) {
        if (rois == null || rois.length % STRIDE != 0) {
            throw new IllegalArgumentException("rois must hold K×5 floats (batch index, x1, y1, x2, y2), got length "
                    + (rois == null ? "null" : rois.length));
        }
        int k = rois.length / STRIDE;
        for (int i = 0; i < k; i++) {
            float b = rois[i * STRIDE];
            if (!(b >= 0 && b < numImages) || b != Math.rint(b)) {
                throw new IllegalArgumentException(
                        "rois[" + i + "] has batch index " + b + ", expected an integer in [0, " + numImages + ")");
            }
        }
        return k;
    }

    /** Copies a K×5 engine array of RoIs to the JVM. */
    public static float[] toArray(NDArray rois) {
        Shape s = rois.getShape();
        if (s.dimension() != 2 || s.get(1) != STRIDE) {
            throw new IllegalArgumentException("rois must have shape K×5, got " + s);
        }
        return rois.toType(DataType.FLOAT32, false).toFloatArray();
    }

    /**
     * Joins per-image boxes into RoIs (torchvision's {@code convert_boxes_to_roi_format}).
     *
     * @param boxesPerImage per image K_i×4 boxes
     * @return (Σ K_i)×5 RoIs, image after image
     */
    public static float[] fromBoxes(List<float[]> boxesPerImage) {
        int total = 0;
        for (float[] boxes : boxesPerImage) {
            total += Boxes.count(boxes, "boxes");
        }
        float[] rois = new float[total * STRIDE];
        int o = 0;
        for (int image = 0; image < boxesPerImage.size(); image++) {
            float[] boxes = boxesPerImage.get(image);
            for (int i = 0; i < boxes.length; i += 4) {
                rois[o++] = image;
                System.arraycopy(boxes, i, rois, o, 4);
                o += 4;
            }
        }
        return rois;
    }

    /** Checks the output size and scale of a pooling op named {@code op}. */
    static void checkPooling(String op, int outputHeight, int outputWidth, float spatialScale) {
        if (outputHeight <= 0 || outputWidth <= 0) {
            throw new IllegalArgumentException(
                    op + " output size must be positive, got " + outputHeight + "×" + outputWidth);
        }
        if (!(spatialScale > 0) || Float.isInfinite(spatialScale)) {
            throw new IllegalArgumentException(op + " spatialScale must be positive and finite, got " + spatialScale);
        }
    }

    /** Checks that {@code features} is N×C×H×W and returns its shape. */
    static Shape checkFeatures(NDArray features) {
        Shape s = features.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("features must be N×C×H×W, got " + s);
        }
        return s;
    }

    /** The RoIs at {@code indices}, in that order. */
    static float[] select(float[] rois, int[] indices) {
        float[] out = new float[indices.length * STRIDE];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(rois, indices[i] * STRIDE, out, i * STRIDE, STRIDE);
        }
        return out;
    }
}
