package dev.vigil.model.rpn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.box.Boxes;

/**
 * The proposals of one image, best first. They carry no gradient (the paper's approximate joint training).
 *
 * @param boxes K×4 (x1, y1, x2, y2) in pixels of the resized image, row-major
 * @param scores K objectness probabilities
 */
public record RegionProposals(float[] boxes, float[] scores) {

    public RegionProposals {
        int k = Boxes.count(boxes, "proposal boxes");
        if (scores == null || scores.length != k) {
            throw new IllegalArgumentException("proposal scores must hold one score per box (" + k + ")");
        }
    }

    /** K. */
    public int count() {
        return scores.length;
    }

    /** The boxes as a K×4 engine array in {@code manager}. */
    public NDArray boxes(NDManager manager) {
        return manager.create(boxes, new Shape(count(), Boxes.COORDS));
    }
}
