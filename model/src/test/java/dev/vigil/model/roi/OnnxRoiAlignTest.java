package dev.vigil.model.roi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.testing.OnnxTestData;
import dev.vigil.model.testing.OnnxTestData.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ONNX RoiAlign node tests (libonnx-testdata, mode avg): coordinate_transformation_mode half_pixel is torchvision's
 * aligned=true, output_half_pixel is aligned=false. Attributes come from model.onnx, values from the .pb files.
 */
class OnnxRoiAlignTest {

    @ParameterizedTest
    @CsvSource({
        "test_roialign_aligned_false, DIFFERENTIABLE",
        "test_roialign_aligned_false, INFERENCE",
        "test_roialign_aligned_true, DIFFERENTIABLE",
        "test_roialign_aligned_true, INFERENCE"
    })
    void matchesOnnxTestVectors(String name, PoolingPath path) throws IOException {
        Path dir = OnnxTestData.nodeTest(name);
        assumeTrue(Files.isDirectory(dir), "libonnx-testdata not installed (apt-get install libonnx-testdata)");
        Map<String, Object> attributes = OnnxTestData.nodeAttributes(dir.resolve("model.onnx"));
        Object mode = attributes.getOrDefault("mode", "avg");
        assertThat(mode).isEqualTo("avg");
        RoiAlign roiAlign = new RoiAlign(
                ((Long) attributes.get("output_height")).intValue(),
                ((Long) attributes.get("output_width")).intValue(),
                (Float) attributes.get("spatial_scale"),
                ((Long) attributes.get("sampling_ratio")).intValue(),
                "half_pixel".equals(attributes.getOrDefault("coordinate_transformation_mode", "half_pixel")));

        Path data = dir.resolve("test_data_set_0");
        Tensor x = OnnxTestData.tensor(data.resolve("input_0.pb"));
        Tensor boxes = OnnxTestData.tensor(data.resolve("input_1.pb"));
        Tensor batchIndices = OnnxTestData.tensor(data.resolve("input_2.pb"));
        Tensor expected = OnnxTestData.tensor(data.resolve("output_0.pb"));
        int k = (int) boxes.dims()[0];
        float[] rois = new float[k * Rois.STRIDE];
        for (int i = 0; i < k; i++) {
            rois[i * Rois.STRIDE] = batchIndices.longs()[i];
            System.arraycopy(boxes.floats(), 4 * i, rois, i * Rois.STRIDE + 1, 4);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = m.create(x.floats(), new Shape(x.dims()));
            NDArray pooled = roiAlign.apply(features, rois, path);
            assertThat(pooled.getShape()).isEqualTo(new Shape(expected.dims()));
            float[] actual = pooled.toFloatArray();
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("value %d", i).isCloseTo(expected.floats()[i], within(1e-4f));
            }
        }
    }
}
