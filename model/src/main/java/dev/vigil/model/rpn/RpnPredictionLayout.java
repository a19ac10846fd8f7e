package dev.vigil.model.rpn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Reorders the head's per-level maps into one row per anchor, in the order the anchor generator emits anchors
 * (level, then location row by row, then anchor): torchvision's {@code permute_and_flatten} and
 * {@code concat_box_prediction_layers}.
 */
public final class RpnPredictionLayout {

    private RpnPredictionLayout() {}

    /**
     * N×(A·C)×H×W → N×(H·W·A)×C (torch: {@code view(N, A, C, H, W).permute(0, 3, 4, 1, 2).reshape(N, -1, C)}).
     *
     * @param valuesPerAnchor C, e.g. 1 for objectness, 4 for deltas
     */
    public static NDArray permuteAndFlatten(NDArray layer, int valuesPerAnchor) {
        Shape s = layer.getShape();
        if (s.dimension() != 4 || s.get(1) % valuesPerAnchor != 0) {
            throw new IllegalArgumentException("prediction map must be N×(A·" + valuesPerAnchor + ")×H×W, got " + s);
        }
        long n = s.get(0);
        long a = s.get(1) / valuesPerAnchor;
        return layer.reshape(n, a, valuesPerAnchor, s.get(2), s.get(3))
                .transpose(0, 3, 4, 1, 2)
                .reshape(n, -1, valuesPerAnchor);
    }

    /**
     * Objectness of all levels: L maps N×A_i×H_i×W_i → N×ΣA (ΣA = Σ H_i·W_i·A_i).
     */
    public static NDArray concatObjectness(List<NDArray> perLevel) {
        NDList flat = new NDList(perLevel.size());
        for (NDArray level : perLevel) {
            flat.add(permuteAndFlatten(level, 1));
        }
        NDArray all = concatLevels(flat);
        return all.reshape(all.getShape().get(0), -1);
    }

    /**
     * Box deltas of all levels: L maps N×4A_i×H_i×W_i → N×ΣA×4.
     */
    public static NDArray concatDeltas(List<NDArray> perLevel) {
        NDList flat = new NDList(perLevel.size());
        for (NDArray level : perLevel) {
            flat.add(permuteAndFlatten(level, 4));
        }
        return concatLevels(flat);
    }

    /** Concatenates along the anchor axis; one level is returned as is (DJL's concat of one array cuts its gradient). */
    private static NDArray concatLevels(NDList levels) {
        return levels.size() == 1 ? levels.head() : NDArrays.concat(levels, 1);
    }
}
