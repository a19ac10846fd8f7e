package dev.vigil.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.vigil.model.io.StateDictLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Freeing intermediates during forward (ScopedForward) must leave autograd intact for later training. */
class BackboneGradientTest {

    @Test
    void gradientsReachTheFirstConvThroughScopedBlocksAndFrozenNormsStayFrozen() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BackboneWithFpn backbone =
                    Backbones.resnetFpn(List.of(1, 1, 1, 1), List.of(2, 4), 16, FrozenBatchNorm2d.DEFAULT_EPS);
            Shape input = new Shape(1, 3, 64, 64);
            backbone.initialize(manager, DataType.FLOAT32, input);
            Map<String, Parameter> parameters = StateDictLoader.parametersByKey(backbone);

            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList pyramid = backbone.forward(
                        new ParameterStore(manager, false), new NDList(manager.randomNormal(input)), true);
                NDArray loss =
                        pyramid.stream().map(NDArray::sum).reduce(NDArray::add).orElseThrow();
                collector.backward(loss);
            }

            NDArray stemGradient =
                    parameters.get("body.conv1.weight").getArray().getGradient();
            assertThat(stemGradient.abs().sum().getFloat()).isGreaterThan(0f);
            assertThat(stemGradient.isNaN().any().getBoolean()).isFalse();
            assertThat(parameters.get("body.bn1.weight").requiresGradient()).isFalse();
            assertThat(parameters.get("fpn.layer_blocks.0.0.weight").requiresGradient())
                    .isTrue();
        }
    }
}
