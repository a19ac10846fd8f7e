package dev.vigil.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class FloatTensorWriterTest {

    @Test
    void theTensorHoldsWhatItsWritersWrote() {
        try (NDManager m = NDManager.newBaseManager()) {
            FloatTensorWriter out = FloatTensorWriter.allocate(m, new Shape(2, 3));
            FloatBuffer first = out.writer();
            FloatBuffer second = out.writer();
            first.put(0, new float[] {1, 2, 3});
            second.put(3, new float[] {4, 5, 6});

            NDArray array = out.toNDArray();

            assertThat(array.getManager()).isSameAs(m);
            assertThat(array.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(array.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(array.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void aChannelsLastAllocationIsSeenChannelsFirst() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 1 image, 2×2 pixels, 3 channels, written pixel after pixel: value = 10·pixel + channel
            FloatTensorWriter out = FloatTensorWriter.allocate(m, new Shape(1, 2, 2, 3));
            out.writer().put(0, new float[] {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32});

            NDArray view = out.toChannelsFirstView();

            assertThat(view.getShape()).isEqualTo(new Shape(1, 3, 2, 2));
            assertThat(view.toFloatArray()).containsExactly(0, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32);
            assertThatThrownBy(
                            () -> FloatTensorWriter.allocate(m, new Shape(2, 3)).toChannelsFirstView())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("(2, 3)");
        }
    }
}
