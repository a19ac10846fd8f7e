package dev.vigil.model.box;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * The box parameterisation of the paper (eq. 2), as torchvision's {@code BoxCoder}: for a reference box with centre
 * (xa, ya) and size (wa, ha), a box (x, y, w, h) is coded as
 * {@code tx = wx (x - xa) / wa, ty = wy (y - ya) / ha, tw = ww log(w / wa), th = wh log(h / ha)}.
 * Widths are {@code x2 - x1} (no "+1"), centres {@code x1 + 0.5 w}. Decoding clamps tw/th at
 * {@link #DEFAULT_SCALE_CLAMP} = log(1000/16) before the exponential. All arithmetic is float32 on the engine, in
 * torchvision's order of operations, so results match torchvision bit for bit.
 *
 * @param wx weight of tx
 * @param wy weight of ty
 * @param ww weight of tw
 * @param wh weight of th
 * @param scaleClamp upper bound of tw/th (after division by the weight) when decoding
 */
public record BoxCoder(float wx, float wy, float ww, float wh, float scaleClamp) {

    /** log(1000/16): decoded boxes grow at most 62.5× the reference box (torchvision's {@code bbox_xform_clip}). */
    public static final float DEFAULT_SCALE_CLAMP = (float) Math.log(1000.0 / 16);

    /** Weights of the RPN's coder: (1, 1, 1, 1). */
    private static final float[] RPN_WEIGHTS = {1f, 1f, 1f, 1f};

    /** Weights of the detection head's coder in torchvision (and Fast R-CNN's target normalisation): (10, 10, 5, 5). */
    private static final float[] BOX_HEAD_WEIGHTS = {10f, 10f, 5f, 5f};

    public BoxCoder {
        if (!(wx > 0 && wy > 0 && ww > 0 && wh > 0)) {
            throw new IllegalArgumentException(
                    "box coder weights must be positive, got (" + wx + ", " + wy + ", " + ww + ", " + wh + ")");
        }
        if (Float.isNaN(scaleClamp)) {
            throw new IllegalArgumentException("box coder scaleClamp must not be NaN");
        }
    }

    /** A coder with weights (wx, wy, ww, wh) and the default clamp log(1000/16). */
    public static BoxCoder of(float[] weights) {
        if (weights == null || weights.length != 4) {
            throw new IllegalArgumentException("box coder weights must be 4 floats (wx, wy, ww, wh)");
        }
        return new BoxCoder(weights[0], weights[1], weights[2], weights[3], DEFAULT_SCALE_CLAMP);
    }

    /** The RPN's coder (weights 1, 1, 1, 1). */
    public static BoxCoder rpn() {
        return of(RPN_WEIGHTS);
    }

    /** The detection head's coder (weights 10, 10, 5, 5). */
    public static BoxCoder boxHead() {
        return of(BOX_HEAD_WEIGHTS);
    }

    /** (wx, wy, ww, wh), a new array. */
    public float[] weights() {
        return new float[] {wx, wy, ww, wh};
    }

    /**
     * Regression targets of {@code targetBoxes} relative to {@code referenceBoxes} (torchvision's
     * {@code encode_single(reference_boxes=targetBoxes, proposals=referenceBoxes)}).
     *
     * @param targetBoxes K×4 boxes to code (e.g. matched ground truth)
     * @param referenceBoxes K×4 boxes they are coded against (anchors or proposals)
     * @return K×4 codes (tx, ty, tw, th)
     */
    public NDArray encode(NDArray targetBoxes, NDArray referenceBoxes) {
        BoxIou.checkShape(targetBoxes, "targetBoxes");
        BoxIou.checkShape(referenceBoxes, "referenceBoxes");
        if (targetBoxes.getShape().get(0) != referenceBoxes.getShape().get(0)) {
            throw new IllegalArgumentException("targetBoxes " + targetBoxes.getShape() + " and referenceBoxes "
                    + referenceBoxes.getShape() + " must hold the same number of boxes");
        }
        CentreSize ref = CentreSize.of(referenceBoxes);
        CentreSize target = CentreSize.of(targetBoxes);
        NDArray dx = target.ctrX.sub(ref.ctrX).mul(wx).div(ref.width);
        NDArray dy = target.ctrY.sub(ref.ctrY).mul(wy).div(ref.height);
        NDArray dw = target.width.div(ref.width).log().mul(ww);
        NDArray dh = target.height.div(ref.height).log().mul(wh);
        return NDArrays.stack(new NDList(dx, dy, dw, dh), 1);
    }

    /**
     * Applies codes to reference boxes (torchvision's {@code decode}: one set of C codes per box, e.g. one per class).
     *
     * @param codes K×(4C) codes (tx, ty, tw, th per class)
     * @param referenceBoxes K×4 boxes the codes are relative to
     * @return K×C×4 decoded boxes (x1, y1, x2, y2)
     */
    public NDArray decode(NDArray codes, NDArray referenceBoxes) {
        BoxIou.checkShape(referenceBoxes, "referenceBoxes");
        long k = referenceBoxes.getShape().get(0);
        if (codes.getShape().dimension() != 2
                || codes.getShape().get(0) != k
                || codes.getShape().get(1) % 4 != 0) {
            throw new IllegalArgumentException(
                    "codes must have shape K×4C with K = " + k + " reference boxes, got " + codes.getShape());
        }
        CentreSize ref = CentreSize.of(referenceBoxes);
        NDArray widths = ref.width.expandDims(1);
        NDArray heights = ref.height.expandDims(1);
        NDArray dx = codes.get(":, 0::4").div(wx);
        NDArray dy = codes.get(":, 1::4").div(wy);
        NDArray dw = codes.get(":, 2::4").div(ww).minimum(scaleClamp);
        NDArray dh = codes.get(":, 3::4").div(wh).minimum(scaleClamp);
        NDArray ctrX = dx.mul(widths).add(ref.ctrX.expandDims(1));
        NDArray ctrY = dy.mul(heights).add(ref.ctrY.expandDims(1));
        NDArray halfW = dw.exp().mul(widths).mul(0.5f);
        NDArray halfH = dh.exp().mul(heights).mul(0.5f);
        return NDArrays.stack(new NDList(ctrX.sub(halfW), ctrY.sub(halfH), ctrX.add(halfW), ctrY.add(halfH)), 2);
    }

    /** Centre and size of K×4 boxes, each K. */
    private record CentreSize(NDArray ctrX, NDArray ctrY, NDArray width, NDArray height) {
        static CentreSize of(NDArray boxes) {
            NDArray x1 = boxes.get(":, 0");
            NDArray y1 = boxes.get(":, 1");
            NDArray width = boxes.get(":, 2").sub(x1);
            NDArray height = boxes.get(":, 3").sub(y1);
            return new CentreSize(x1.add(width.mul(0.5f)), y1.add(height.mul(0.5f)), width, height);
        }
    }
}
