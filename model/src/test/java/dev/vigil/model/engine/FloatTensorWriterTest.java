package dev.vigil.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
}
