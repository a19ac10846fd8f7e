package dev.vigil.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

/** In-place overwrites on the real engine: values, identity, gradient flag, autograd mode. */
class OverwriteTest {

    @Test
    void writesEveryValueIntoTheSameArrayAndKeepsItsGradientFlag() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray target = manager.zeros(new Shape(2, 3));
            target.setRequiresGradient(true);
            boolean gradModeBefore = JniUtils.isGradMode();
            Overwrite.with(target, new float[] {1, 2, 3, 4, 5, 6});
            assertThat(target.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(target.hasGradient()).as("still a trainable parameter").isTrue();
            assertThat(JniUtils.isGradMode()).isEqualTo(gradModeBefore);

            try (NDArray values = manager.arange(6f).reshape(2, 3)) {
                Overwrite.with(target, values);
            }
            assertThat(target.toFloatArray()).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    @Test
    void refusesValuesOfAnotherShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray target = manager.zeros(new Shape(2, 3));
            try (NDArray values = manager.zeros(new Shape(3, 2))) {
                assertThatThrownBy(() -> Overwrite.with(target, values))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("(2, 3)");
            }
        }
    }
}
