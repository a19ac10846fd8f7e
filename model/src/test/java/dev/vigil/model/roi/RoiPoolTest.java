package dev.vigil.model.roi;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoiPoolTest {

    /** 1×1×8×8 map holding 0..63 row by row: a window's maximum is its bottom-right cell. */
    private static NDArray arange8x8(NDManager m) {
        return m.arange(64f).reshape(1, 1, 8, 8);
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void eachBinTakesTheMaximumOfItsCells(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] out = new RoiPool(2, 2, 1f)
                    .apply(arange8x8(m), new float[] {0, 0, 0, 7, 7}, path)
                    .toFloatArray();
            assertThat(out).containsExactly(27f, 31f, 59f, 63f);
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void roiCornersRoundHalfAwayFromZero(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            // (1, 1)-(5, 5) at scale 0.5 -> cells round(0.5) = 1 .. round(2.5) = 3 (not 2, as half-to-even would give).
            float[] out = new RoiPool(1, 1, 0.5f)
                    .apply(arange8x8(m), new float[] {0, 1, 1, 5, 5}, path)
                    .toFloatArray();
            assertThat(out).containsExactly(3 * 8 + 3f);
        }
        assertThat(RoiPool.roundHalfAwayFromZero(-2.5f)).isEqualTo(-3);
        assertThat(RoiPool.roundHalfAwayFromZero(2.5f)).isEqualTo(3);
        assertThat(RoiPool.roundHalfAwayFromZero(-2.4f)).isEqualTo(-2);
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void binsOutsideTheMapAreZero(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray negative = arange8x8(m).sub(100);
            float[] out = new RoiPool(2, 2, 1f)
                    .apply(negative, new float[] {0, 20, 20, 30, 30}, path)
                    .toFloatArray();
            assertThat(out).containsExactly(0f, 0f, 0f, 0f);
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void maximumIsTakenOverNegativeFeaturesToo(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray negative = arange8x8(m).sub(100);
            float[] out = new RoiPool(1, 1, 1f)
                    .apply(negative, new float[] {0, 0, 0, 1, 1}, path)
                    .toFloatArray();
            assertThat(out).containsExactly(9f - 100f);
        }
    }

    @Test
    void gradientGoesToTheMaximalCellOfEachBin() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = arange8x8(m);
            features.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = new RoiPool(2, 2, 1f).apply(features, new float[] {0, 0, 0, 7, 7});
                collector.backward(out.sum());
            }
            float[] gradient = features.getGradient().toFloatArray();
            for (int cell = 0; cell < 64; cell++) {
                boolean maximal = cell == 27 || cell == 31 || cell == 59 || cell == 63;
                assertThat(gradient[cell]).as("cell %d", cell).isEqualTo(maximal ? 1f : 0f);
            }
        }
    }

    @Test
    void equalMaximaSendTheGradientToTheFirstCell() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = m.zeros(new Shape(1, 1, 4, 4));
            features.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(new RoiPool(1, 1, 1f)
                        .apply(features, new float[] {0, 1, 1, 2, 2})
                        .sum());
            }
            float[] gradient = features.getGradient().toFloatArray();
            assertThat(gradient[5]).isEqualTo(1f);
            assertThat(features.getGradient().sum().getFloat()).isEqualTo(1f);
        }
    }
}
