package dev.vigil.model.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.model.testing.OnnxTestData;
import dev.vigil.model.testing.OnnxTestData.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX NonMaxSuppression node tests (libonnx-testdata) run through {@link Nms}: per batch and class, boxes with
 * score above score_threshold, greedy NMS, the first max_output_boxes_per_class kept. ONNX boxes are
 * (y1, x1, y2, x2) with corners in either order, or (x_center, y_center, width, height) when center_point_box = 1.
 */
class OnnxNonMaxSuppressionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "test_nonmaxsuppression_center_point_box_format",
                "test_nonmaxsuppression_flipped_coordinates",
                "test_nonmaxsuppression_identical_boxes",
                "test_nonmaxsuppression_limit_output_size",
                "test_nonmaxsuppression_single_box",
                "test_nonmaxsuppression_suppress_by_IOU",
                "test_nonmaxsuppression_suppress_by_IOU_and_scores",
                "test_nonmaxsuppression_two_batches",
                "test_nonmaxsuppression_two_classes"
            })
    void matchesOnnxTestVectors(String name) throws IOException {
        Path dir = OnnxTestData.nodeTest(name);
        assumeTrue(Files.isDirectory(dir), "libonnx-testdata not installed (apt-get install libonnx-testdata)");
        Path data = dir.resolve("test_data_set_0");
        Tensor boxes = OnnxTestData.tensor(data.resolve("input_0.pb"));
        Tensor scores = OnnxTestData.tensor(data.resolve("input_1.pb"));
        long maxPerClass = optional(data, 2) == null ? 0 : optional(data, 2).longs()[0];
        float iouThreshold = optional(data, 3) == null ? 0f : optional(data, 3).floats()[0];
        Tensor scoreTensor = optional(data, 4);
        Float scoreThreshold = scoreTensor == null ? null : scoreTensor.floats()[0];
        Map<String, Object> attributes = OnnxTestData.nodeAttributes(dir.resolve("model.onnx"));
        boolean centerFormat = Long.valueOf(1).equals(attributes.get("center_point_box"));

        int batches = (int) boxes.dims()[0];
        int spatial = (int) boxes.dims()[1];
        int classes = (int) scores.dims()[1];
        List<Long> selected = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] corners = toCorners(boxes.floats(), b * spatial * 4, spatial, centerFormat);
            for (int c = 0; c < classes; c++) {
                int[] candidates = candidates(scores.floats(), (b * classes + c) * spatial, spatial, scoreThreshold);
                float[] candidateScores = new float[candidates.length];
                for (int i = 0; i < candidates.length; i++) {
                    candidateScores[i] = scores.floats()[(b * classes + c) * spatial + candidates[i]];
                }
                int[] kept = Nms.nms(Boxes.selectBoxes(corners, candidates), candidateScores, iouThreshold);
                for (int i = 0; i < Math.min(kept.length, maxPerClass); i++) {
                    selected.add((long) b);
                    selected.add((long) c);
                    selected.add((long) candidates[kept[i]]);
                }
            }
        }
        Tensor expected = OnnxTestData.tensor(data.resolve("output_0.pb"));
        assertThat(selected)
                .containsExactlyElementsOf(
                        Arrays.stream(expected.longs()).boxed().toList());
    }

    private static Tensor optional(Path data, int input) throws IOException {
        Path file = data.resolve("input_" + input + ".pb");
        return Files.exists(file) ? OnnxTestData.tensor(file) : null;
    }

    private static int[] candidates(float[] scores, int offset, int spatial, Float threshold) {
        return IntStream.range(0, spatial)
                .filter(i -> threshold == null || scores[offset + i] > threshold)
                .toArray();
    }

    /** ONNX box rows → (x1, y1, x2, y2) with x1 <= x2, y1 <= y2. */
    private static float[] toCorners(float[] onnx, int offset, int spatial, boolean centerFormat) {
        float[] corners = new float[spatial * 4];
        for (int i = 0; i < spatial; i++) {
            int o = offset + 4 * i;
            float x1;
            float y1;
            float x2;
            float y2;
            if (centerFormat) {
                x1 = onnx[o] - onnx[o + 2] / 2;
                x2 = onnx[o] + onnx[o + 2] / 2;
                y1 = onnx[o + 1] - onnx[o + 3] / 2;
                y2 = onnx[o + 1] + onnx[o + 3] / 2;
            } else {
                y1 = Math.min(onnx[o], onnx[o + 2]);
                y2 = Math.max(onnx[o], onnx[o + 2]);
                x1 = Math.min(onnx[o + 1], onnx[o + 3]);
                x2 = Math.max(onnx[o + 1], onnx[o + 3]);
            }
            corners[4 * i] = x1;
            corners[4 * i + 1] = y1;
            corners[4 * i + 2] = x2;
            corners[4 * i + 3] = y2;
        }
        return corners;
    }
}
