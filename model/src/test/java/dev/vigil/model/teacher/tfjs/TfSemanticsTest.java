package dev.vigil.model.teacher.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TF's arithmetic of padding, slicing, resizing and top-k, against values worked out by hand. */
class TfSemanticsTest {

    @Test
    void samePaddingPutsTheOddPixelAfter() {
        // CenterNet's first conv: 512 → 256 with a 3×3 window pads 1 in total, after (PyTorch's padding=1 would pad
        // before as well and shift every output by one pixel)
        assertThat(Padding.of("SAME", 512, 3, 2, 1)).isEqualTo(new Padding(0, 1));
        assertThat(Padding.of("SAME", 9, 3, 2, 1)).isEqualTo(new Padding(1, 1));
        assertThat(Padding.of("SAME", 10, 5, 2, 1)).isEqualTo(new Padding(1, 2));
        assertThat(Padding.of("SAME", 64, 3, 1, 1)).isEqualTo(new Padding(1, 1));
        // dilation 2 makes a 3×3 window span 5
        assertThat(Padding.of("SAME", 9, 3, 1, 2)).isEqualTo(new Padding(2, 2));
        // a window smaller than the stride needs no padding
        assertThat(Padding.of("SAME", 8, 1, 2, 1)).isEqualTo(Padding.NONE);
        assertThat(Padding.of("VALID", 9, 3, 2, 1)).isEqualTo(Padding.NONE);
        assertThatThrownBy(() -> Padding.of("REFLECT", 9, 3, 1, 1)).hasMessageContaining("REFLECT");
    }

    @Test
    void stridedSliceMasksAndNegativeIndices() {
        // x[0:1, -4:, 1:9:2, 2] on a [1, 9, 10, 4] tensor (NumPy's and TF's meaning; TF.js 4.22 returns other values
        // when an axis is shrunk while another is strided)
        StridedSliceSpec spec = StridedSliceSpec.resolve(
                new long[] {1, 9, 10, 4},
                new int[] {0, -4, 1, 2},
                new int[] {1, 0, 9, 3},
                new int[] {1, 1, 2, 1},
                0b0001,
                0b0010,
                0,
                0,
                0b1000);
        assertThat(spec.starts()).containsExactly(0, 5, 1, 2);
        assertThat(spec.stops()).containsExactly(1, 9, 9, 3);
        assertThat(spec.steps()).containsExactly(1, 1, 2, 1);
        assertThat(spec.shrink()).containsExactly(3);
        // CenterNet's: x[:, :, 2:3] with begin and end masks on the first two axes
        StridedSliceSpec centerNet = StridedSliceSpec.resolve(
                new long[] {1, 100, 4}, new int[] {0, 0, 2}, new int[] {0, 0, 3}, new int[] {1, 1, 1}, 3, 3, 0, 0, 0);
        assertThat(centerNet.starts()).containsExactly(0, 0, 2);
        assertThat(centerNet.stops()).containsExactly(1, 100, 3);
        // out-of-range bounds clamp; an end before the start gives an empty slice
        StridedSliceSpec clamped =
                StridedSliceSpec.resolve(new long[] {5}, new int[] {-20}, new int[] {2}, new int[] {1}, 0, 0, 0, 0, 0);
        assertThat(clamped.starts()).containsExactly(0);
        StridedSliceSpec empty =
                StridedSliceSpec.resolve(new long[] {5}, new int[] {4}, new int[] {1}, new int[] {1}, 0, 0, 0, 0, 0);
        assertThat(empty.stops()[0]).isEqualTo(empty.starts()[0]);
        assertThatThrownBy(() -> StridedSliceSpec.resolve(
                        new long[] {5}, new int[] {4}, new int[] {1}, new int[] {-1}, 0, 0, 0, 0, 0))
                .hasMessageContaining("stride -1");
        assertThatThrownBy(() -> StridedSliceSpec.resolve(
                        new long[] {5}, new int[] {5}, new int[] {6}, new int[] {1}, 0, 0, 0, 0, 1))
                .hasMessageContaining("out of range");
    }

    @Test
    void legacyBilinearUpsamplingSamplesAtDstTimesHalf() {
        // 2 → 4, legacy (Keras UpSampling2D): sources 0, 0.5, 1, 1.5 → the last row clamps to pixel 1
        assertThat(ResizeBilinearKernel.weights(2, 4, false, false))
                .containsExactly(1f, 0f, 0.5f, 0.5f, 0f, 1f, 0f, 1f);
        // align corners, 3 → 5: sources 0, 0.5, 1, 1.5, 2
        assertThat(ResizeBilinearKernel.weights(3, 5, true, false))
                .containsExactly(1, 0, 0, 0.5f, 0.5f, 0, 0, 1, 0, 0, 0.5f, 0.5f, 0, 0, 1);
        // half-pixel centres, 2 → 4: sources -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        assertThat(ResizeBilinearKernel.weights(2, 4, false, true))
                .containsExactly(1f, 0f, 0.75f, 0.25f, 0.25f, 0.75f, 0f, 1f);
    }

    @Test
    void topKKeepsTheLowerIndexOfEqualValues() {
        float[] values = {1, 3, 3, 2, 3, 0, 3};
        float[] top = new float[4];
        int[] indices = new int[4];
        TopKKernel.select(values, 0, values.length, 4, top, indices, 0);
        assertThat(top).containsExactly(3, 3, 3, 3);
        assertThat(indices).containsExactly(1, 2, 4, 6);
        TopKKernel.select(values, 0, values.length, 3, top, indices, 0);
        assertThat(indices).startsWith(1, 2, 4);
        float[] row2 = {0, 0, 5, 0, 0, 4};
        TopKKernel.select(row2, 0, row2.length, 3, top, indices, 0);
        assertThat(indices).startsWith(2, 5, 0);
    }

    @Test
    void halfPrecisionBitPatterns() {
        assertThat(Half.toFloat((short) 0x3C00)).isEqualTo(1f);
        assertThat(Half.toFloat((short) 0xC000)).isEqualTo(-2f);
        assertThat(Half.toFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(Half.toFloat((short) 0x3555)).isEqualTo(0.333251953125f);
        assertThat(Half.toFloat((short) 0x0001)).isEqualTo(5.9604645e-8f); // smallest subnormal, 2^-24
        assertThat(Half.toFloat((short) 0x8000)).isEqualTo(-0f);
        assertThat(Half.toFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Half.toFloat((short) 0x7E00)).isNaN();
    }

    @Test
    void fusedOpsNamesDecodeFromBase64() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                        "{\"name\":\"c\",\"op\":\"_FusedConv2D\",\"input\":[\"x\",\"w:1\",\"^ctl\"],"
                                + "\"attr\":{\"fused_ops\":{\"list\":{\"s\":[\"Qmlhc0FkZA==\",\"UmVsdTY=\"]}},"
                                + "\"strides\":{\"list\":{\"i\":[\"1\",\"2\",\"2\",\"1\"]}},\"padding\":{\"s\":\"U0FNRQ==\"}}}");
        GraphNode node = GraphNode.of(json);
        assertThat(node.inputs()).containsExactly("x", "w:1");
        assertThat(node.strings("fused_ops")).isEqualTo(List.of("BiasAdd", "Relu6"));
        assertThat(node.ints("strides")).containsExactly(1, 2, 2, 1);
        assertThat(node.string("padding", "VALID")).isEqualTo("SAME");
        assertThat(GraphExecutor.nodeOf("w:1")).isEqualTo("w");
    }
}
