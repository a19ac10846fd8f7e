package dev.vigil.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Trainable batch norm: batch statistics and a 0.1 running update while training, running statistics after. */
class BatchNorm2dTest {

    @Test
    void trainsOnBatchStatisticsAndInfersLikeTheFrozenOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchNorm2d norm = new BatchNorm2d(2);
            Shape shape = new Shape(2, 2, 3, 3);
            norm.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.randomNormal(3f, 2f, shape, DataType.FLOAT32);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray trained = norm.forward(ps, new NDList(x), true).singletonOrThrow();
            // per channel mean 0 and (biased) variance 1 with the batch's own statistics
            float[] channelMeans = trained.transpose(1, 0, 2, 3)
                    .reshape(2, -1)
                    .mean(new int[] {1})
                    .toFloatArray();
            assertThat(channelMeans).containsExactly(new float[] {0f, 0f}, within(1e-4f));
            float[] batchMean =
                    x.transpose(1, 0, 2, 3).reshape(2, -1).mean(new int[] {1}).toFloatArray();
            float[] running =
                    norm.getParameters().get("running_mean").getArray().toFloatArray();
            for (int c = 0; c < 2; c++) {
                assertThat(running[c]).isCloseTo(BatchNorm2d.MOMENTUM * batchMean[c], within(1e-4f));
            }
            FrozenBatchNorm2d frozen = new FrozenBatchNorm2d(2);
            frozen.initialize(manager, DataType.FLOAT32, shape);
            for (String key : new String[] {"weight", "bias", "running_mean", "running_var"}) {
                frozen.getParameters()
                        .get(key)
                        .getArray()
                        .set(norm.getParameters().get(key).getArray().toFloatArray());
            }
            float[] inferred =
                    norm.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            float[] expected =
                    frozen.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertThat(inferred).containsExactly(expected, within(1e-4f));
        }
    }
}
