package dev.vigil.model.roi;

import static dev.vigil.model.testing.TorchvisionGolden.dims;
import static dev.vigil.model.testing.TorchvisionGolden.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RoI ops, on both {@link PoolingPath}s, against torchvision 0.14 outputs on the same inputs (see make_golden.py). */
class TorchvisionRoiParityTest {

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void roiAlignMatchesTorchvision(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = golden(m, "roi_features");
            float[] rois = floats("rois");
            assertMatches(new RoiAlign(7, 7, 0.25f, 2, false).apply(features, rois, path), "roi_align_s025_r2");
            assertMatches(
                    new RoiAlign(5, 4, 0.5f, -1, true).apply(features, rois, path), "roi_align_s05_adaptive_aligned");
            assertMatches(new RoiAlign(7, 7, 0.5f, 0, false).apply(features, rois, path), "roi_align_s05_adaptive");
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void roiPoolMatchesTorchvision(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = golden(m, "roi_features");
            float[] rois = floats("rois");
            assertMatches(new RoiPool(7, 7, 0.25f).apply(features, rois, path), "roi_pool_s025");
            assertMatches(new RoiPool(3, 5, 0.5f).apply(features, rois, path), "roi_pool_s05");
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void roiAlignAtTheBordersMatchesTorchvision(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = golden(m, "border_roi_features");
            float[] rois = floats("border_rois");
            assertMatches(new RoiAlign(7, 7, 0.25f, 2, false).apply(features, rois, path), "border_roi_align_s025_r2");
            assertMatches(
                    new RoiAlign(3, 5, 0.25f, 3, true).apply(features, rois, path), "border_roi_align_s025_r3_aligned");
            assertMatches(
                    new RoiAlign(7, 7, 0.5f, -1, true).apply(features, rois, path),
                    "border_roi_align_s05_adaptive_aligned");
            assertMatches(
                    new RoiAlign(3, 5, 0.5f, 0, false).apply(features, rois, path), "border_roi_align_s05_adaptive");
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void roiPoolAtTheBordersMatchesTorchvision(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = golden(m, "border_roi_features");
            float[] rois = floats("border_rois");
            assertMatches(new RoiPool(7, 7, 0.25f).apply(features, rois, path), "border_roi_pool_s025");
            assertMatches(new RoiPool(3, 5, 0.5f).apply(features, rois, path), "border_roi_pool_s05");
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingPath.class)
    void multiScaleRoiAlignMatchesTorchvision(PoolingPath path) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> features = new LinkedHashMap<>();
            for (String name : List.of("0", "1", "2", "pool")) {
                features.put(name, golden(m, "ms_feature_" + name));
            }
            NDArray pooled = MultiScaleRoiAlign.of(List.of("0", "1", "2"))
                    .apply(
                            features,
                            List.of(floats("ms_boxes_0"), floats("ms_boxes_1")),
                            List.of(new int[] {128, 160}, new int[] {120, 150}),
                            path);
            assertMatches(pooled, "ms_pooled");
        }
    }

    private static NDArray golden(NDManager m, String name) {
        return m.create(floats(name), new Shape(dims(name)));
    }

    private static void assertMatches(NDArray actual, String expectedName) {
        assertThat(actual.getShape()).isEqualTo(new Shape(dims(expectedName)));
        float[] values = actual.toFloatArray();
        float[] expected = floats(expectedName);
        for (int i = 0; i < expected.length; i++) {
            assertThat(values[i]).as("%s[%d]", expectedName, i).isCloseTo(expected[i], within(1e-5f));
        }
    }
}
