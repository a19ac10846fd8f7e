package dev.vigil.model.box;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.Arrays;

/**
 * Geometry of (x1, y1, x2, y2) boxes as torchvision's {@code ops/boxes.py}: area, clipping to the image, removal of
 * boxes with a side below a minimum. Boxes in {@code float[]} form are packed row-major, 4 floats per box (K×4).
 */
public final class Boxes {

    /** Coordinates per box. */
    public static final int COORDS = 4;

    private Boxes() {}

    /**
     * Checks that {@code boxes} holds whole boxes and returns their number.
     *
     * @throws IllegalArgumentException naming {@code name} when the array is null or its length is not a multiple of 4
     */
    public static int count(float[] boxes, String name) {
        if (boxes == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (boxes.length % COORDS != 0) {
            throw new IllegalArgumentException(
                    name + " must hold K×4 floats (x1, y1, x2, y2), but its length is " + boxes.length);
        }
        return boxes.length / COORDS;
    }

    /** Area (x2 - x1) * (y2 - y1) of box {@code i}, in float arithmetic as torchvision's {@code box_area}. */
    public static float area(float[] boxes, int i) {
        int o = i * COORDS;
        return (boxes[o + 2] - boxes[o]) * (boxes[o + 3] - boxes[o + 1]);
    }

    /** Areas of K boxes (K×4 → K). */
    public static float[] areas(float[] boxes) {
        int k = count(boxes, "boxes");
        float[] areas = new float[k];
        for (int i = 0; i < k; i++) {
            areas[i] = area(boxes, i);
        }
        return areas;
    }

    /**
     * Clamps x into [0, width] and y into [0, height] in place (torchvision's {@code clip_boxes_to_image}).
     *
     * @param boxes K×4 boxes, changed in place
     */
    public static void clipToImage(float[] boxes, int height, int width) {
        count(boxes, "boxes");
        checkImageSize(height, width);
        for (int o = 0; o < boxes.length; o += COORDS) {
            boxes[o] = Math.min(Math.max(boxes[o], 0f), width);
            boxes[o + 1] = Math.min(Math.max(boxes[o + 1], 0f), height);
            boxes[o + 2] = Math.min(Math.max(boxes[o + 2], 0f), width);
            boxes[o + 3] = Math.min(Math.max(boxes[o + 3], 0f), height);
        }
    }

    /**
     * Clamps x into [0, width] and y into [0, height] (torchvision's {@code clip_boxes_to_image}).
     *
     * @param boxes (…, 4) boxes
     * @return a new (…, 4) array; differentiable where the box lies inside the image
     */
    public static NDArray clipToImage(NDArray boxes, int height, int width) {
        checkImageSize(height, width);
        NDArray x = boxes.get("..., 0::2").clip(0, width);
        NDArray y = boxes.get("..., 1::2").clip(0, height);
        int last = boxes.getShape().dimension();
        return NDArrays.stack(new NDList(x, y), last).reshape(boxes.getShape());
    }

    /** Multiplies the x coordinates of K×4 boxes by {@code scaleX} and the y coordinates by {@code scaleY}, in place. */
    public static void scale(float[] boxes, float scaleX, float scaleY) {
        for (int i = 0; i + 3 < boxes.length; i += COORDS) {
            boxes[i] *= scaleX;
            boxes[i + 1] *= scaleY;
            boxes[i + 2] *= scaleX;
            boxes[i + 3] *= scaleY;
        }
    }

    /**
     * Indices of the boxes whose width and height are both {@code >= minSize} (torchvision's
     * {@code remove_small_boxes}), ascending.
     */
    public static int[] keepMinSize(float[] boxes, float minSize) {
        int k = count(boxes, "boxes");
        int[] keep = new int[k];
        int kept = 0;
        for (int i = 0; i < k; i++) {
            int o = i * COORDS;
            if (boxes[o + 2] - boxes[o] >= minSize && boxes[o + 3] - boxes[o + 1] >= minSize) {
                keep[kept++] = i;
            }
        }
        return Arrays.copyOf(keep, kept);
    }

    /** The boxes at {@code indices}, in that order (K×4 → |indices|×4). */
    public static float[] selectBoxes(float[] boxes, int[] indices) {
        float[] out = new float[indices.length * COORDS];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(boxes, indices[i] * COORDS, out, i * COORDS, COORDS);
        }
        return out;
    }

    /** The values at {@code indices}, in that order. */
    public static float[] selectValues(float[] values, int[] indices) {
        float[] out = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    /** The values at {@code indices}, in that order. */
    public static int[] selectValues(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    private static void checkImageSize(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "image size must be positive, got height " + height + ", width " + width);
        }
    }
}
