package dev.vigil.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * libtorch's pre-packed oneDNN and MKL kernels through the TorchScript module: the values of DJL's plain conv2d and
 * linear (with the activation after them), up to float rounding.
 */
class InferenceKernelsTest {

    private static final float TOLERANCE = 1e-4f;

    @Test
    void packedFullyConnectedLayersComputeTorchsLinear() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int rows = 7;
            NDArray x = random(manager, new Shape(rows, 40));
            NDArray w = random(manager, new Shape(24, 40));
            NDArray b = random(manager, new Shape(24));
            NDArray expected = Linear.linear(x, w, b).singletonOrThrow();

            NDArray mkl = Autograd.off(
                    () -> InferenceKernels.linearMkl(x, InferenceKernels.packLinearWeightForMkl(w, rows), w, b, rows));
            NDArray oneDnn = Autograd.off(() -> InferenceKernels.linearOneDnn(
                    x, InferenceKernels.packLinearWeightForOneDnn(w, rows), b, InferenceKernels.Activation.RELU));

            assertClose(mkl, expected);
            assertClose(oneDnn, Activation.relu(expected));
        }
    }

    @Test
    void fusedConvolutionsOnPackedWeightsComputeConvThenActivation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // channels-last input, as the detector's maps are
            NDArray x = random(manager, new Shape(1, 9, 11, 16)).transpose(0, 3, 1, 2);
            for (int groups : new int[] {1, 16}) {
                NDArray w = random(manager, new Shape(16, 16 / groups, 3, 3));
                NDArray b = random(manager, new Shape(16));
                NDArray conv = Conv2d.conv2d(x, w, b, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), groups)
                        .singletonOrThrow();
                NDArray packed = Autograd.off(
                        () -> InferenceKernels.packConvolutionWeight(w, 1, 2, 1, groups, new long[] {1, 16, 9, 11}));

                NDArray hardswish = Autograd.off(() -> InferenceKernels.convolution(
                        x, packed, b, 1, 2, 1, groups, InferenceKernels.Activation.HARDSWISH));
                NDArray plain = Autograd.off(
                        () -> InferenceKernels.convolution(x, w, b, 1, 2, 1, groups, InferenceKernels.Activation.NONE));

                assertClose(hardswish, conv.mul(conv.add(3f).clip(0f, 6f)).div(6f));
                assertClose(plain, conv);
            }
        }
    }

    private static NDArray random(NDManager manager, Shape shape) {
        SplittableRandom random = new SplittableRandom(shape.size());
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return manager.create(values, shape);
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("value %d", i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }
}
