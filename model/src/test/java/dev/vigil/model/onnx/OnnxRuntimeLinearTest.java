package dev.vigil.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The hand-written ONNX model of a fully connected layer, loaded and run by ONNX Runtime. */
class OnnxRuntimeLinearTest {

    @Test
    void onnxRuntimeComputesXTimesTheTransposedWeightPlusTheBias() {
        int rows = 3;
        int inputs = 5;
        int outputs = 4;
        float[] weight = new float[outputs * inputs];
        float[] bias = new float[outputs];
        float[] x = new float[rows * inputs];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (i * 7 % 11 - 5) / 4f;
        }
        for (int i = 0; i < bias.length; i++) {
            bias[i] = i - 1.5f;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 3 % 7 - 3) / 2f;
        }

        float[] y;
        try (OnnxRuntimeLinear layer = OnnxRuntimeLinear.open(weight, bias, x, 1)) {
            layer.run();
            y = layer.output();
        }

        assertThat(y).hasSize(rows * outputs);
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputs; o++) {
                double expected = bias[o];
                for (int k = 0; k < inputs; k++) {
                    expected += x[r * inputs + k] * weight[o * inputs + k];
                }
                assertThat((double) y[r * outputs + o]).as("y[%d][%d]", r, o).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void anInputThatIsNotWholeRowsOfTheWeightIsRefused() {
        assertThatThrownBy(() -> OnnxRuntimeLinear.open(new float[6], new float[2], new float[4], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 inputs");
    }
}
