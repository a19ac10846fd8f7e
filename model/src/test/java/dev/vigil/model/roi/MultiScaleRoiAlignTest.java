package dev.vigil.model.roi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MultiScaleRoiAlignTest {

    @Test
    void levelMapperFollowsFpnEquationOne() {
        LevelMapper mapper = LevelMapper.of(2, 5);
        float[] boxes = {
            0, 0, 224, 224, // k0 = 4
            0, 0, 112, 112, // 3
            0, 0, 448, 448, // 5
            0, 0, 20, 20, // 4 + log2(20/224) = 0.5 -> clamped to 2
            0, 0, 2000, 2000, // 7.2 -> clamped to 5
            0, 0, 223, 223 // just below 224 -> 3
        };
        assertThat(mapper.levels(boxes)).containsExactly(2, 1, 3, 0, 3, 1);
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void roisArePooledFromTheirLevelAndReturnedInTheirOrder(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> features = new LinkedHashMap<>();
            features.put("0", RoiAlignTest.linearFeatures(m, 2, 2, 64, 64)); // stride 4 for 256×256 images
            features.put("1", RoiAlignTest.linearFeatures(m, 2, 2, 32, 32).add(0.5f)); // stride 8
            features.put("pool", m.ones(new Shape(2, 2, 16, 16))); // not pooled from
            MultiScaleRoiAlign pooler = MultiScaleRoiAlign.of(List.of("0", "1"));
            float[] large = {10, 10, 210, 210}; // 4 + log2(200/224) -> level 3, the coarsest: "1"
            float[] small = {30, 40, 50, 60}; // 4 + log2(20/224) -> 0, clamped to level 2, the finest: "0"
            List<float[]> boxes = List.of(concat(large, small), concat(small, large));
            List<int[]> sizes = List.of(new int[] {256, 256}, new int[] {250, 240});

            NDArray pooled = pooler.apply(features, boxes, sizes, path);

            assertThat(pooled.getShape()).isEqualTo(new Shape(4, 2, 7, 7));
            RoiAlign fine = new RoiAlign(7, 7, 0.25f, 2, false);
            RoiAlign coarse = new RoiAlign(7, 7, 0.125f, 2, false);
            NDArray[] expected = {
                coarse.apply(features.get("1"), roi(0, large), path),
                fine.apply(features.get("0"), roi(0, small), path),
                fine.apply(features.get("0"), roi(1, small), path),
                coarse.apply(features.get("1"), roi(1, large), path)
            };
            for (int i = 0; i < 4; i++) {
                float[] actual = pooled.get(i).toFloatArray();
                float[] want = expected[i].toFloatArray();
                for (int j = 0; j < want.length; j++) {
                    assertThat(actual[j]).as("roi %d value %d", i, j).isCloseTo(want[j], within(1e-4f));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void noBoxesGiveAnEmptyBatch(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> features = new LinkedHashMap<>();
            features.put("0", m.ones(new Shape(2, 3, 16, 16)));
            features.put("1", m.ones(new Shape(2, 3, 8, 8)));
            NDArray pooled = MultiScaleRoiAlign.of(List.of("0", "1"))
                    .apply(
                            features,
                            List.of(new float[0], new float[0]),
                            List.of(new int[] {64, 64}, new int[] {64, 64}),
                            path);
            assertThat(pooled.getShape()).isEqualTo(new Shape(0, 3, 7, 7));
        }
    }

    @Test
    void scaleIsThePowerOfTwoNearestToFeatureOverImageHeight() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> levels = List.of(m.zeros(new Shape(1, 1, 200, 336)), m.zeros(new Shape(1, 1, 25, 42)));
            float[] scales = MultiScaleRoiAlign.scales(levels, List.of(new int[] {800, 1333}, new int[] {790, 1300}));
            assertThat(scales).containsExactly(0.25f, 0.03125f);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] roi(int image, float[] box) {
        return new float[] {image, box[0], box[1], box[2], box[3]};
    }
}
