package dev.vigil.model.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class BoxIouTest {

    @Test
    void iouOfHandCases() {
        float[] a = {0, 0, 10, 10, 0, 0, 2, 2};
        float[] b = {5, 5, 15, 15, 0, 0, 10, 10, 20, 20, 30, 30};
        float[] iou = BoxIou.matrix(a, b);
        assertThat(iou).hasSize(6);
        assertThat(iou[0]).isCloseTo(25f / 175f, within(1e-7f));
        assertThat(iou[1]).isEqualTo(1f);
        assertThat(iou[2]).isZero();
        assertThat(iou[4]).isCloseTo(4f / 100f, within(1e-7f));
    }

    @Test
    void touchingBoxesDoNotOverlap() {
        assertThat(BoxIou.matrix(new float[] {0, 0, 1, 1}, new float[] {1, 0, 2, 1}))
                .containsExactly(0f);
    }

    @Test
    void engineMatrixEqualsJvmMatrix() {
        float[] a = {0, 0, 10, 10, 3, 4, 9, 20.5f};
        float[] b = {5, 5, 15, 15, 0, 0, 10, 10, 1.5f, 2, 8, 3};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray iou = BoxIou.matrix(m.create(a, new Shape(2, 4)), m.create(b, new Shape(3, 4)));
            assertThat(iou.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(iou.toFloatArray()).containsExactly(BoxIou.matrix(a, b));
        }
    }

    @Test
    void rejectsPartialBoxes() {
        assertThatThrownBy(() -> BoxIou.matrix(new float[] {0, 0, 1}, new float[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("boxes1");
    }
}
