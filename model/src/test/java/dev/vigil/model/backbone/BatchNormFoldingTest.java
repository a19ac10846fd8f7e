package dev.vigil.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.vigil.model.io.StateDictLoader;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A backbone computes the same feature maps with its batch norms folded into its convolutions. */
class BatchNormFoldingTest {

    private static void check(Supplier<DetectionBackbone> factory) {
        try (NDManager manager = NDManager.newBaseManager()) {
            DetectionBackbone backbone = factory.get();
            Shape input = new Shape(1, 3, 96, 128);
            backbone.initialize(manager, DataType.FLOAT32, input);
            Random random = new Random(5);
            int norms = 0;
            for (Map.Entry<String, Parameter> e :
                    StateDictLoader.parametersByKey(backbone).entrySet()) {
                String key = e.getKey();
                NDArray array = e.getValue().getArray();
                if (key.endsWith("running_var")) {
                    norms++;
                    array.set(values(random, (int) array.size(), 0.5f, 2f));
                } else if (key.endsWith("running_mean")
                        || key.matches(".*(bn\\d|\\.1|downsample\\.1)\\.(weight|bias)")) {
                    array.set(values(random, (int) array.size(), -0.5f, 0.5f));
                }
            }
            assertThat(norms).as("frozen batch norms in the backbone").isPositive();
            NDArray image = manager.randomUniform(0f, 1f, input);
            ParameterStore ps = new ParameterStore(manager, false);
            NDList before = backbone.forward(ps, new NDList(image), false);
            float[][] expected = new float[before.size()][];
            for (int i = 0; i < before.size(); i++) {
                expected[i] = before.get(i).toFloatArray();
            }
            assertThat(BatchNormFolding.foldAll(backbone))
                    .as("every batch norm folded")
                    .isEqualTo(norms);
            NDList after = backbone.forward(ps, new NDList(image), false);
            for (int i = 0; i < after.size(); i++) {
                float[] actual = after.get(i).toFloatArray();
                double scale = 0;
                double worst = 0;
                for (int j = 0; j < actual.length; j++) {
                    scale = Math.max(scale, Math.abs(expected[i][j]));
                    worst = Math.max(worst, Math.abs(actual[j] - expected[i][j]));
                }
                assertThat(worst)
                        .as("feature map " + i + " max |difference|, values up to " + scale)
                        .isLessThan(1e-4 * Math.max(1, scale));
            }
        }
    }

    private static float[] values(Random random, int n, float low, float high) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = low + random.nextFloat() * (high - low);
        }
        return v;
    }

    @Test
    void mobileNetV3FpnIsUnchanged() {
        check(Backbones::mobileNetV3LargeFpn);
    }

    @Test
    void resnet50FpnIsUnchanged() {
        check(Backbones::resnet50Fpn);
    }
}
