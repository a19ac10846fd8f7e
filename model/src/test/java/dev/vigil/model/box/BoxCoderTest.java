package dev.vigil.model.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class BoxCoderTest {

    private static final float[] ANCHORS = {0, 0, 16, 32, 100, 50, 164, 114, 10.5f, 20.25f, 30.5f, 80.75f};
    private static final float[] TARGETS = {2, -3, 20, 30, 90, 60, 180, 100, 11, 21, 29, 82};

    @Test
    void encodeFollowsThePaperFormula() {
        BoxCoder coder = BoxCoder.of(new float[] {10, 10, 5, 5});
        try (NDManager m = NDManager.newBaseManager()) {
            float[] codes = coder.encode(m.create(TARGETS, new Shape(3, 4)), m.create(ANCHORS, new Shape(3, 4)))
                    .toFloatArray();
            for (int i = 0; i < 3; i++) {
                double wa = ANCHORS[4 * i + 2] - ANCHORS[4 * i];
                double ha = ANCHORS[4 * i + 3] - ANCHORS[4 * i + 1];
                double xa = ANCHORS[4 * i] + wa / 2;
                double ya = ANCHORS[4 * i + 1] + ha / 2;
                double w = TARGETS[4 * i + 2] - TARGETS[4 * i];
                double h = TARGETS[4 * i + 3] - TARGETS[4 * i + 1];
                double x = TARGETS[4 * i] + w / 2;
                double y = TARGETS[4 * i + 1] + h / 2;
                assertThat((double) codes[4 * i]).isCloseTo(10 * (x - xa) / wa, within(1e-5));
                assertThat((double) codes[4 * i + 1]).isCloseTo(10 * (y - ya) / ha, within(1e-5));
                assertThat((double) codes[4 * i + 2]).isCloseTo(5 * Math.log(w / wa), within(1e-5));
                assertThat((double) codes[4 * i + 3]).isCloseTo(5 * Math.log(h / ha), within(1e-5));
            }
        }
    }

    @Test
    void decodeInvertsEncode() {
        BoxCoder coder = BoxCoder.boxHead();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(ANCHORS, new Shape(3, 4));
            NDArray codes = coder.encode(m.create(TARGETS, new Shape(3, 4)), anchors);
            NDArray decoded = coder.decode(codes, anchors);
            assertThat(decoded.getShape()).isEqualTo(new Shape(3, 1, 4));
            float[] boxes = decoded.toFloatArray();
            for (int i = 0; i < TARGETS.length; i++) {
                assertThat(boxes[i]).isCloseTo(TARGETS[i], within(1e-3f));
            }
        }
    }

    @Test
    void decodeGivesOneBoxPerClass() {
        BoxCoder coder = BoxCoder.rpn();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(new float[] {0, 0, 10, 20}, new Shape(1, 4));
            // class 0: no change; class 1: shift right by one width.
            NDArray codes = m.create(new float[] {0, 0, 0, 0, 1, 0, 0, 0}, new Shape(1, 8));
            float[] boxes = coder.decode(codes, anchors).toFloatArray();
            assertThat(boxes).containsExactly(0, 0, 10, 20, 10, 0, 20, 20);
        }
    }

    @Test
    void decodeClampsWidthAndHeightGrowthAtLog1000Over16() {
        BoxCoder coder = BoxCoder.rpn();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(new float[] {0, 0, 16, 16}, new Shape(1, 4));
            NDArray codes = m.create(new float[] {0, 0, 50, 50}, new Shape(1, 4));
            float[] box = coder.decode(codes, anchors).toFloatArray();
            assertThat(box[2] - box[0]).isCloseTo(1000f, within(0.01f));
            assertThat(box[3] - box[1]).isCloseTo(1000f, within(0.01f));
        }
        assertThat((double) BoxCoder.DEFAULT_SCALE_CLAMP).isCloseTo(Math.log(62.5), within(1e-6));
    }

    @Test
    void rejectsNonPositiveWeightsAndMismatchedShapes() {
        assertThatThrownBy(() -> new BoxCoder(1, 0, 1, 1, BoxCoder.DEFAULT_SCALE_CLAMP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.zeros(new Shape(2, 4));
            assertThatThrownBy(() -> BoxCoder.rpn().decode(m.zeros(new Shape(3, 4)), anchors))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("codes");
        }
    }
}
