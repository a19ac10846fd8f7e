package dev.vigil.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.vigil.model.box.BoxCoder;
import dev.vigil.model.engine.Scalars;
import java.util.List;

/**
 * Faster R-CNN's losses: the RPN's objectness log loss and box regression over the sampled anchors, and the
 * detection head's class log loss and class-specific box regression over the sampled RoIs (smooth L1, normalised
 * as {@link LossSettings} says).
 */
public final class DetectionLoss {

    private final LossSettings settings;
    private final BoxCoder rpnCoder;
    private final BoxCoder headCoder;

    public DetectionLoss(LossSettings settings, BoxCoder rpnCoder, BoxCoder headCoder) {
        this.settings = settings;
        this.rpnCoder = rpnCoder;
        this.headCoder = headCoder;
    }

    /** The RPN's two terms: {objectness, box}. */
    public NDArray[] rpn(
            NDArray objectness,
            NDArray deltas,
            NDArray anchors,
            List<AnchorTargets.ImageTargets> targets,
            long anchorLocationsPerImage) {
        NDManager manager = objectness.getManager();
        long anchorsPerImage = anchors.getShape().get(0);
        int sampled = 0;
        int positives = 0;
        for (AnchorTargets.ImageTargets t : targets) {
            sampled += t.sample().size();
            positives += t.sample().positives().length;
        }
        long[] sampledIndex = new long[sampled];
        float[] labels = new float[sampled];
        long[] positiveIndex = new long[positives];
        long[] positiveAnchor = new long[positives];
        float[] matched = new float[positives * 4];
        int s = 0;
        int p = 0;
        for (int image = 0; image < targets.size(); image++) {
            AnchorTargets.ImageTargets t = targets.get(image);
            long offset = image * anchorsPerImage;
            for (int a : t.sample().positives()) {
                sampledIndex[s] = offset + a;
                labels[s++] = 1f;
                positiveIndex[p] = offset + a;
                positiveAnchor[p++] = a;
            }
            for (int a : t.sample().negatives()) {
                sampledIndex[s++] = offset + a;
            }
            System.arraycopy(
                    t.matchedBoxes(), 0, matched, (p - t.sample().positives().length) * 4, t.matchedBoxes().length);
        }
        NDArray logits = objectness.reshape(-1).get(manager.create(sampledIndex));
        NDArray logLoss = binaryLogLoss(logits, manager.create(labels)).sum();
        NDArray boxSum;
        if (positives == 0) {
            boxSum = Scalars.times(deltas.sum(), 0f);
        } else {
            NDArray predicted = deltas.reshape(-1, 4).get(manager.create(positiveIndex));
            NDArray target = rpnCoder.encode(
                    manager.create(matched, new Shape(positives, 4)), anchors.get(manager.create(positiveAnchor)));
            boxSum = smoothL1(predicted.sub(target), settings.rpnBeta()).sum();
        }
        int normalizer = Math.max(sampled, 1);
        if (settings.normalization() == LossSettings.Normalization.PAPER) {
            return new NDArray[] {
                Scalars.dividedBy(logLoss, normalizer),
                Scalars.dividedBy(
                        Scalars.times(boxSum, settings.lambda()), Math.max(1, anchorLocationsPerImage * targets.size()))
            };
        }
        return new NDArray[] {Scalars.dividedBy(logLoss, normalizer), Scalars.dividedBy(boxSum, normalizer)};
    }

    /**
     * The detection head's two terms: {classifier, box}.
     *
     * @param classLogits K×C
     * @param boxDeltas K×4C
     * @param samples the sampled RoIs of each image, in the order of the rows
     */
    public NDArray[] head(NDArray classLogits, NDArray boxDeltas, List<RoiTargets.RoiSample> samples) {
        NDManager manager = classLogits.getManager();
        int k = (int) classLogits.getShape().get(0);
        int classes = (int) classLogits.getShape().get(1);
        long[] labels = new long[k];
        int positives = 0;
        int row = 0;
        for (RoiTargets.RoiSample sample : samples) {
            for (int c : sample.classes()) {
                labels[row++] = c;
                positives += c > 0 ? 1 : 0;
            }
        }
        if (row != k) {
            throw new IllegalArgumentException(k + " rows of predictions for " + row + " sampled RoIs");
        }
        NDArray logProbabilities = classLogits.logSoftmax(1);
        NDArray flatIndex = manager.arange(0L, (long) k * classes, classes).add(manager.create(labels));
        NDArray classifier = logProbabilities.reshape(-1).get(flatIndex).neg().mean();
        if (positives == 0) {
            return new NDArray[] {classifier, Scalars.times(boxDeltas.sum(), 0f)};
        }
        long[] positiveRow = new long[positives];
        float[] rois = new float[positives * 4];
        float[] matched = new float[positives * 4];
        int p = 0;
        row = 0;
        for (RoiTargets.RoiSample sample : samples) {
            for (int i = 0; i < sample.size(); i++, row++) {
                if (sample.classes()[i] > 0) {
                    positiveRow[p] = (long) row * classes + sample.classes()[i];
                    System.arraycopy(sample.rois(), i * 4, rois, p * 4, 4);
                    System.arraycopy(sample.matchedBoxes(), i * 4, matched, p * 4, 4);
                    p++;
                }
            }
        }
        NDArray predicted = boxDeltas.reshape(-1, 4).get(manager.create(positiveRow));
        NDArray target = headCoder.encode(
                manager.create(matched, new Shape(positives, 4)), manager.create(rois, new Shape(positives, 4)));
        NDArray box = Scalars.dividedBy(
                smoothL1(predicted.sub(target), settings.boxBeta()).sum(), k);
        return new NDArray[] {classifier, box};
    }

    /** Elementwise log loss of logits x against labels z: max(x, 0) − x·z + log(1 + e^−|x|). */
    static NDArray binaryLogLoss(NDArray logits, NDArray labels) {
        return Activation.relu(logits)
                .sub(logits.mul(labels))
                .add(logits.abs().neg().exp().add(1f).log());
    }

    /** Elementwise smooth L1: 0.5·d²/β where |d| &lt; β, else |d| − 0.5·β. */
    static NDArray smoothL1(NDArray difference, float beta) {
        NDArray d = difference.abs();
        return NDArrays.where(d.lt(beta), Scalars.times(d.square(), 0.5f / beta), d.sub(0.5f * beta));
    }
}
