package dev.vigil.model.box;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class BoxesTest {

    @Test
    void clipsToTheImageOnJvmAndEngineAlike() {
        float[] boxes = {-5, -1, 50, 70, 10, 20, 30, 40};
        float[] expected = {0, 0, 40, 60, 10, 20, 30, 40};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] engine =
                    Boxes.clipToImage(m.create(boxes, new Shape(2, 4)), 60, 40).toFloatArray();
            assertThat(engine).containsExactly(expected);
        }
        Boxes.clipToImage(boxes, 60, 40);
        assertThat(boxes).containsExactly(expected);
    }

    @Test
    void keepsBoxesWhoseSidesReachTheMinimum() {
        float[] boxes = {0, 0, 1, 1, 0, 0, 0.5f, 5, 0, 0, 5, 0.999f, 2, 2, 3, 3};
        assertThat(Boxes.keepMinSize(boxes, 1f)).containsExactly(0, 3);
    }
}
