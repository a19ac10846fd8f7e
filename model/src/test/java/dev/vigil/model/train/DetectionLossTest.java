package dev.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.box.BoxCoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The losses against values computed by hand from their definitions. */
class DetectionLossTest {

    private static double logLoss(double x, double z) {
        double p = 1 / (1 + Math.exp(-x));
        return -(z * Math.log(p) + (1 - z) * Math.log(1 - p));
    }

    private static double smoothL1(double d, double beta) {
        double a = Math.abs(d);
        return a < beta ? 0.5 * a * a / beta : a - 0.5 * beta;
    }

    @Test
    void lossSettingsAreNamedAsOnTheCommandLine() {
        assertThat(LossSettings.named("paper")).isEqualTo(LossSettings.paper());
        assertThat(LossSettings.named("torchvision")).isEqualTo(LossSettings.torchvision());
        assertThat(LossSettings.paper()).isNotEqualTo(LossSettings.torchvision());
        assertThatThrownBy(() -> LossSettings.named("yolo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paper or torchvision")
                .hasMessageContaining("'yolo'");
    }

    @Test
    void rpnLossUnderBothNormalisations() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 1 image, 3 anchors: anchor 0 positive (its ground truth = itself shifted by 2 px), anchor 2 negative
            NDArray anchors =
                    manager.create(new float[] {0, 0, 10, 10, 20, 20, 30, 30, 40, 40, 50, 50}, new Shape(3, 4));
            NDArray objectness = manager.create(new float[] {1.5f, -0.3f, -2f}, new Shape(1, 3));
            NDArray deltas = manager.create(new float[] {0.1f, 0, 0, 0, 9, 9, 9, 9, 5, 5, 5, 5}, new Shape(1, 3, 4));
            AnchorTargets.ImageTargets targets = new AnchorTargets.ImageTargets(
                    new BalancedSampler.Sample(new int[] {0}, new int[] {2}), new float[] {2, 0, 12, 10});
            LossSettings torchvision = LossSettings.torchvision();
            NDArray[] terms = new DetectionLoss(torchvision, BoxCoder.rpn(), BoxCoder.boxHead())
                    .rpn(objectness, deltas, anchors, List.of(targets), 3);
            double expectedCls = (logLoss(1.5, 1) + logLoss(-2, 0)) / 2;
            // target dx = 2/10 = 0.2; prediction 0.1 → |d| = 0.1 < 1/9
            double expectedBox = smoothL1(0.1 - 0.2, 1.0 / 9) / 2;
            assertThat(terms[0].getFloat()).isCloseTo((float) expectedCls, within(1e-5f));
            assertThat(terms[1].getFloat()).isCloseTo((float) expectedBox, within(1e-6f));
            NDArray[] paper = new DetectionLoss(LossSettings.paper(), BoxCoder.rpn(), BoxCoder.boxHead())
                    .rpn(objectness, deltas, anchors, List.of(targets), 3);
            assertThat(paper[1].getFloat()).isCloseTo((float) (10 * smoothL1(-0.1, 1.0 / 9) / 3), within(1e-6f));
        }
    }

    @Test
    void headLossTakesTheBoxDeltasOfTheTrueClass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 2 RoIs, 3 classes: RoI 0 is class 2 with a perfect box, RoI 1 background
            NDArray logits = manager.create(new float[] {0.1f, 0.2f, 2f, 1f, 0f, -1f}, new Shape(2, 3));
            float[] deltas = new float[2 * 12];
            deltas[4] = 7; // class 1's deltas of RoI 0: must not count
            NDArray boxDeltas = manager.create(deltas, new Shape(2, 12));
            RoiTargets.RoiSample sample = new RoiTargets.RoiSample(
                    new float[] {0, 0, 10, 10, 5, 5, 9, 9}, new int[] {2, 0}, new float[] {0, 0, 10, 10, 0, 0, 0, 0});
            NDArray[] terms = new DetectionLoss(LossSettings.torchvision(), BoxCoder.rpn(), BoxCoder.boxHead())
                    .head(logits, boxDeltas, List.of(sample));
            double p0 = Math.exp(2) / (Math.exp(0.1) + Math.exp(0.2) + Math.exp(2));
            double p1 = Math.exp(1) / (Math.exp(1) + Math.exp(0) + Math.exp(-1));
            assertThat(terms[0].getFloat()).isCloseTo((float) (-(Math.log(p0) + Math.log(p1)) / 2), within(1e-5f));
            assertThat(terms[1].getFloat()).isCloseTo(0f, within(1e-7f));
        }
    }
}
