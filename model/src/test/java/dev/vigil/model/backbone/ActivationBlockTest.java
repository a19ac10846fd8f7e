package dev.vigil.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.vigil.model.backbone.ActivationBlock.Kind;
import dev.vigil.model.engine.Autograd;
import org.junit.jupiter.api.Test;

/**
 * The hard activations on the real engine: inference (autograd off, computed in place) gives torch's kernels' values
 * bit for bit, and training (autograd on) gives the same values and correct gradients even when a garbage
 * collection runs between the forward and the backward pass (the failure mode of DJL's scalar ops, see Scalars).
 */
class ActivationBlockTest {

    /** Around and on the kinks at ±3, zero, both signs, large magnitudes. */
    private static final float[] INPUTS = {
        -100f,
        -3.5f,
        -3.0000002f,
        -3f,
        -2.9999998f,
        -1.25f,
        -0.1f,
        -0f,
        0f,
        0.3f,
        1f,
        2.75f,
        2.9999998f,
        3f,
        3.0000002f,
        7.5f,
        1e6f
    };

    @Test
    void inferenceMatchesTorchsKernelsExactly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] swish = Autograd.off(
                    () -> Kind.HARDSWISH.apply(manager.create(INPUTS)).toFloatArray());
            float[] sigmoid = Autograd.off(
                    () -> Kind.HARDSIGMOID.apply(manager.create(INPUTS)).toFloatArray());
            for (int i = 0; i < INPUTS.length; i++) {
                assertThat(swish[i]).as("hardswish(%s)", INPUTS[i]).isEqualTo(torchHardswish(INPUTS[i]));
                assertThat(sigmoid[i]).as("hardsigmoid(%s)", INPUTS[i]).isEqualTo(torchHardsigmoid(INPUTS[i]));
            }
        }
    }

    @Test
    void inferenceLeavesItsInputUnchanged() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(INPUTS);
            Autograd.off(() -> Kind.HARDSWISH.apply(x));
            Autograd.off(() -> Kind.HARDSIGMOID.apply(x));
            assertThat(x.toFloatArray()).containsExactly(INPUTS);
        }
    }

    @Test
    void anInPlaceBlockOverwritesItsInputAtInferenceOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (Kind kind : Kind.values()) {
                ActivationBlock inPlace = new ActivationBlock(kind, true);
                ActivationBlock outOfPlace = new ActivationBlock(kind);
                NDArray x = manager.create(INPUTS);
                float[] expected = Autograd.off(() -> kind.apply(x).toFloatArray());

                NDArray kept = Autograd.off(() ->
                        outOfPlace.forward(parameters, new NDList(x), false).singletonOrThrow());
                assertThat(kept).as("%s out of place", kind).isNotSameAs(x);
                assertThat(x.toFloatArray()).containsExactly(INPUTS);

                NDArray training =
                        inPlace.forward(parameters, new NDList(x), true).singletonOrThrow();
                assertThat(training).as("%s while training", kind).isNotSameAs(x);
                assertThat(x.toFloatArray()).containsExactly(INPUTS);

                NDArray overwritten = Autograd.off(
                        () -> inPlace.forward(parameters, new NDList(x), false).singletonOrThrow());
                assertThat(overwritten).as("%s in place", kind).isSameAs(x);
                assertThat(x.toFloatArray()).containsExactly(expected);
            }
        }
    }

    @Test
    void trainingGivesTheSameValuesAndTheAnalyticGradients() {
        for (Kind kind : new Kind[] {Kind.HARDSWISH, Kind.HARDSIGMOID}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray x = manager.create(INPUTS);
                x.setRequiresGradient(true);
                float[] values;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = kind.apply(x);
                    values = y.toFloatArray();
                    System.gc(); // frees any JVM buffer the graph still points at
                    collector.backward(y.sum());
                }
                float[] gradient = x.getGradient().toFloatArray();
                for (int i = 0; i < INPUTS.length; i++) {
                    float v = INPUTS[i];
                    float shifted = v + 3f;
                    boolean kink = shifted == 0f || shifted == 6f; // no derivative where x + 3 rounds onto a kink
                    if (kind == Kind.HARDSWISH) {
                        assertThat(values[i]).as("hardswish(%s)", v).isCloseTo(torchHardswish(v), within(v));
                        if (!kink) {
                            assertThat(gradient[i]).as("hardswish'(%s)", v).isCloseTo(hardswishSlope(v), within(1));
                        }
                    } else {
                        assertThat(values[i]).as("hardsigmoid(%s)", v).isEqualTo(torchHardsigmoid(v));
                        if (!kink) {
                            assertThat(gradient[i]).as("hardsigmoid'(%s)", v).isEqualTo(hardsigmoidSlope(v));
                        }
                    }
                }
            }
        }
    }

    private static org.assertj.core.data.Offset<Float> within(float scale) {
        return org.assertj.core.data.Offset.offset(1e-6f * Math.max(1f, Math.abs(scale)));
    }

    /** torch's CPU kernel: x * min(max(x + 3, 0), 6) / 6. */
    private static float torchHardswish(float x) {
        return x * Math.min(Math.max(x + 3f, 0f), 6f) / 6f;
    }

    /** torch's CPU kernel: min(max(x + 3, 0), 6) / 6. */
    private static float torchHardsigmoid(float x) {
        return Math.min(Math.max(x + 3f, 0f), 6f) / 6f;
    }

    /** d/dx of x·relu6(x + 3)/6 away from the kinks: 0 below -3, (2x + 3)/6 between, 1 above 3. */
    private static float hardswishSlope(float x) {
        return x < -3f ? 0f : x > 3f ? 1f : (2f * x + 3f) / 6f;
    }

    /** d/dx of relu6(x + 3)/6: 1/6 strictly inside (-3, 3), 0 outside. */
    private static float hardsigmoidSlope(float x) {
        return x > -3f && x < 3f ? 1f / 6f : 0f;
    }
}
