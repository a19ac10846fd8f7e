package dev.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.vigil.model.backbone.TorchConv2d;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SGD on the real engine follows torch.optim.SGD's update rule, step by step; clipping bounds the norm. */
class SgdTest {

    /** loss = Σ w·x, so the gradient is x. */
    private static void backward(NDArray weight, float[] x) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(
                    weight.mul(weight.getManager().create(x, weight.getShape())).sum());
        }
    }

    /** A bias-free 1×1 conv from one channel to two, its two weights set to {@code values}. */
    private static TorchConv2d twoWeights(NDManager manager, float[] values) {
        TorchConv2d conv = TorchConv2d.builder(1, 2, 1).bias(false).build();
        conv.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, 2, 2));
        conv.getParameters().get("weight").getArray().set(values);
        return conv;
    }

    @Test
    void twoStepsWithMomentumAndWeightDecayMatchTorchsRule() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchConv2d conv = TorchConv2d.builder(1, 1, 1).bias(false).build();
            conv.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, 2, 2));
            Parameter weight = conv.getParameters().get("weight");
            weight.getArray().set(new float[] {0.5f});
            TrainableParameters trainable = TrainableParameters.select(conv, List.of(""), List.of());
            float lr = 0.1f;
            float momentum = 0.9f;
            float decay = 0.01f;
            SgdSettings settings = new SgdSettings(lr, momentum, decay, 0, 1f, List.of(), 0.1f, 0f);
            float[] x = {2f};
            try (Sgd sgd = new Sgd(settings, manager)) {
                backward(weight.getArray(), x);
                sgd.step(trainable, lr);
                backward(weight.getArray(), x);
                sgd.step(trainable, lr);
            }
            // torch: d = g + wd·w; v1 = d1; w1 = w0 − lr·v1; v2 = μ·v1 + d2; w2 = w1 − lr·v2
            float w0 = 0.5f;
            float v1 = x[0] + decay * w0;
            float w1 = w0 - lr * v1;
            float v2 = momentum * v1 + x[0] + decay * w1;
            float w2 = w1 - lr * v2;
            assertThat(weight.getArray().toFloatArray()[0]).isCloseTo(w2, within(1e-6f));
        }
    }

    @Test
    void clippingScalesTheStepToTheMaximumNorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchConv2d conv = twoWeights(manager, new float[] {0f, 0f});
            NDArray weight = conv.getParameters().get("weight").getArray();
            TrainableParameters trainable = TrainableParameters.select(conv, List.of(""), List.of());
            try (Sgd sgd = new Sgd(new SgdSettings(1f, 0f, 0f, 0, 1f, List.of(), 0.1f, 1f), manager)) {
                backward(weight, new float[] {3f, 4f});
                float norm = sgd.step(trainable, 1f);
                assertThat(norm).isCloseTo(5f, within(1e-5f));
            }
            assertThat(weight.toFloatArray()).containsExactly(new float[] {-0.6f, -0.8f}, within(1e-6f));
        }
    }

    @Test
    void aStepWithNonFiniteGradientsChangesNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchConv2d conv = twoWeights(manager, new float[] {1f, 2f});
            NDArray weight = conv.getParameters().get("weight").getArray();
            TrainableParameters trainable = TrainableParameters.select(conv, List.of(""), List.of());
            try (Sgd sgd = new Sgd(new SgdSettings(0.1f, 0.9f, 0f, 0, 1f, List.of(), 0.1f, 10f), manager)) {
                backward(weight, new float[] {Float.POSITIVE_INFINITY, 1f});
                assertThat(sgd.step(trainable, 0.1f)).isInfinite();
                assertThat(weight.toFloatArray()).containsExactly(1f, 2f);
                backward(weight, new float[] {1f, 1f});
                sgd.step(trainable, 0.1f);
                // the skipped step left neither gradient nor momentum behind: a plain first step follows
                assertThat(weight.toFloatArray()).containsExactly(new float[] {0.9f, 1.9f}, within(1e-6f));
            }
        }
    }
}
