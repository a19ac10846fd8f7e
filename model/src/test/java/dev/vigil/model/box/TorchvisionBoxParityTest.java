package dev.vigil.model.box;

import static dev.vigil.model.testing.TorchvisionGolden.dims;
import static dev.vigil.model.testing.TorchvisionGolden.floats;
import static dev.vigil.model.testing.TorchvisionGolden.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Box ops against torchvision 0.14 outputs on the same inputs (see make_golden.py). */
class TorchvisionBoxParityTest {

    @Test
    void nmsKeepsWhatTorchvisionKeeps() {
        assertThat(Nms.nms(floats("nms_boxes"), floats("nms_scores"), 0.5)).containsExactly(ints("nms_keep"));
    }

    @Test
    void batchedNmsKeepsWhatTorchvisionKeeps() {
        int[] kept = Nms.batchedNms(floats("nms_boxes"), floats("nms_scores"), ints("nms_classes"), 0.5, Nms.KEEP_ALL);
        assertThat(kept).containsExactly(ints("batched_nms_keep"));
    }

    @Test
    void boxCoderMatchesTorchvision() {
        BoxCoder coder = BoxCoder.boxHead();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray reference = m.create(floats("coder_reference"), new Shape(dims("coder_reference")));
            NDArray target = m.create(floats("coder_target"), new Shape(dims("coder_target")));
            assertClose(coder.encode(target, reference).toFloatArray(), floats("coder_encoded"));
            NDArray codes = m.create(floats("coder_codes"), new Shape(dims("coder_codes")));
            NDArray decoded = coder.decode(codes, reference);
            assertThat(decoded.getShape()).isEqualTo(new Shape(dims("coder_decoded")));
            assertClose(decoded.toFloatArray(), floats("coder_decoded"));
        }
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i])
                    .as("value %d", i)
                    .isCloseTo(expected[i], within(1e-5f * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
