package dev.vigil.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** torch's in-place kernels through the TorchScript module: the out-of-place values, bit for bit, in the same array. */
class InPlaceActivationsTest {

    /** A sweep over [-4, 4] in eighths, the floats next to the kinks at ±3, both zeros, large magnitudes, NaN. */
    private static final float[] INPUTS = inputs();

    private static float[] inputs() {
        List<Float> values = new ArrayList<>();
        for (int eighths = -32; eighths <= 32; eighths++) {
            values.add(eighths / 8f);
        }
        values.addAll(List.of(
                Math.nextDown(-3f), Math.nextUp(-3f), Math.nextDown(3f), Math.nextUp(3f), -0f, -1e6f, 1e6f, Float.NaN));
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    @Test
    void reluIsTorchsReluWrittenOverItsArgument() {
        assertInPlaceEquals(InPlaceActivations::relu, Activation::relu);
    }

    @Test
    void hardActivationsAreTorchsKernelsWrittenOverTheirArgument() {
        assertInPlaceEquals(
                InPlaceActivations::hardswish,
                x -> x.mul(x.add(3f).clip(0f, 6f)).div(6f));
        assertInPlaceEquals(
                InPlaceActivations::hardsigmoid, x -> x.add(3f).clip(0f, 6f).div(6f));
    }

    @Test
    void channelsLastViewsKeepTheirLayout() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] values = new float[2 * 3 * 4 * 5];
            for (int i = 0; i < values.length; i++) {
                values[i] = i % 7 - 3.5f;
            }
            NDArray nhwc = manager.create(values, new Shape(2, 3, 4, 5));
            NDArray nchw = nhwc.transpose(0, 3, 1, 2);
            float[] expected = Activation.relu(nchw).toFloatArray();

            NDArray result = Autograd.off(() -> InPlaceActivations.relu(nchw));

            assertThat(result).isSameAs(nchw);
            assertThat(nchw.toFloatArray()).containsExactly(expected);
            float[] memory = nhwc.toFloatArray(); // the same memory, read in N×H×W×C order
            for (int i = 0; i < values.length; i++) {
                assertThat(memory[i]).isEqualTo(Math.max(values[i], 0f));
            }
        }
    }

    private static void assertInPlaceEquals(UnaryOperator<NDArray> inPlace, UnaryOperator<NDArray> outOfPlace) {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] expected =
                    Autograd.off(() -> outOfPlace.apply(manager.create(INPUTS)).toFloatArray());
            NDArray x = manager.create(INPUTS);

            NDArray result = Autograd.off(() -> inPlace.apply(x));

            assertThat(result).isSameAs(x);
            float[] actual = x.toFloatArray();
            for (int i = 0; i < INPUTS.length; i++) {
                // bit patterns: the sign of a zero and NaN count
                assertThat(Float.floatToRawIntBits(actual[i]))
                        .as("f(%s) = %s, expected %s", INPUTS[i], actual[i], expected[i])
                        .isEqualTo(Float.floatToRawIntBits(expected[i]));
            }
        }
    }
}
