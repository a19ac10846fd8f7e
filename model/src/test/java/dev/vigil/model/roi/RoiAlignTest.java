package dev.vigil.model.roi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoiAlignTest {

    /** f(y, x) = 2y + 3x + 100c on an H×W grid, for C channels. */
    static NDArray linearFeatures(NDManager m, int n, int c, int h, int w) {
        float[] values = new float[n * c * h * w];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        values[i++] = 2 * y + 3 * x + 100 * ch + 1000 * b;
                    }
                }
            }
        }
        return m.create(values, new Shape(n, c, h, w));
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void bilinearSamplesOfALinearMapAverageToTheBinCentre(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = linearFeatures(m, 2, 2, 10, 10);
            // aligned: the RoI (1.5, 2.5)-(7.5, 8.5) is (1, 2)-(7, 8) in feature coordinates; bins are 2×2.
            RoiAlign op = new RoiAlign(3, 3, 1f, RoiAlign.ADAPTIVE_SAMPLING, true);
            float[] out = op.apply(features, new float[] {1, 1.5f, 2.5f, 7.5f, 8.5f}, path)
                    .toFloatArray();
            int i = 0;
            for (int c = 0; c < 2; c++) {
                for (int ph = 0; ph < 3; ph++) {
                    for (int pw = 0; pw < 3; pw++) {
                        float y = 2 + 2 * ph + 1;
                        float x = 1 + 2 * pw + 1;
                        assertThat(out[i++]).isCloseTo(2 * y + 3 * x + 100 * c + 1000, within(1e-3f));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void samplesBeyondOnePixelOutsideTheMapCountAsZero(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ones = m.ones(new Shape(1, 1, 4, 4));
            RoiAlign op = new RoiAlign(1, 2, 1f, 1, false);
            // RoI x from 0 to 12: left bin samples x = 3 (inside), right bin x = 9 (> width 4: zero).
            float[] out = op.apply(ones, new float[] {0, 0, 0, 12, 2}, path).toFloatArray();
            assertThat(out).containsExactly(1f, 0f);
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void noRoisGiveAnEmptyBatch(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = new RoiAlign(7, 7, 0.25f, 2, false).apply(m.ones(new Shape(1, 3, 8, 8)), new float[0], path);
            assertThat(out.getShape()).isEqualTo(new Shape(0, 3, 7, 7));
        }
    }

    @Test
    void gradientReachesTheFeaturesInsideTheRoi() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = linearFeatures(m, 1, 3, 12, 12);
            features.setRequiresGradient(true);
            RoiAlign op = new RoiAlign(2, 2, 0.5f, 2, false);
            float[] rois = {0, 4, 4, 12, 12};
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = op.apply(features, rois);
                collector.backward(out.sum());
            }
            NDArray gradient = features.getGradient();
            // Every bin is a convex combination of in-map cells: each channel receives 2×2 = 4 in total.
            assertThat(gradient.sum().getFloat()).isCloseTo(3 * 4f, within(1e-4f));
            // The RoI spans feature cells 2..6; nothing outside rows/columns 2..7 is touched.
            assertThat(gradient.get(":, :, 0:2, :").abs().sum().getFloat()).isZero();
            assertThat(gradient.get(":, :, 8:, :").abs().sum().getFloat()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void chunkedPoolingEqualsOneRoiAtATime(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = m.randomUniform(0, 1, new Shape(1, 64, 40, 40));
            int k = 300;
            float[] rois = new float[k * 5];
            Random random = new Random(1);
            for (int i = 0; i < k; i++) {
                float x = random.nextFloat() * 120;
                float y = random.nextFloat() * 120;
                rois[5 * i + 1] = x;
                rois[5 * i + 2] = y;
                rois[5 * i + 3] = x + 4 + random.nextFloat() * 100;
                rois[5 * i + 4] = y + 4 + random.nextFloat() * 100;
            }
            RoiAlign op = new RoiAlign(7, 7, 0.25f, RoiAlign.ADAPTIVE_SAMPLING, false);
            float[] all = op.apply(features, rois, path).toFloatArray();
            int perRoi = 64 * 49;
            for (int i : new int[] {0, 150, 299}) {
                float[] one = op.apply(features, Arrays.copyOfRange(rois, 5 * i, 5 * i + 5), path)
                        .toFloatArray();
                for (int j = 0; j < perRoi; j++) {
                    assertThat(all[i * perRoi + j]).isCloseTo(one[j], within(1e-5f));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void rejectsBadBatchIndexAndShape(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            RoiAlign op = new RoiAlign(7, 7, 1f, 2, false);
            assertThatThrownBy(() -> op.apply(m.ones(new Shape(1, 1, 4, 4)), new float[] {1, 0, 0, 2, 2}, path))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batch index");
            assertThatThrownBy(() -> op.apply(m.ones(new Shape(1, 4, 4)), new float[] {0, 0, 0, 2, 2}, path))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("N×C×H×W");
        }
    }
}
