package dev.vigil.model.teacher.tfjs;

import static dev.vigil.model.teacher.tfjs.GraphJson.bool;
import static dev.vigil.model.teacher.tfjs.GraphJson.intList;
import static dev.vigil.model.teacher.tfjs.GraphJson.integer;
import static dev.vigil.model.teacher.tfjs.GraphJson.real;
import static dev.vigil.model.teacher.tfjs.GraphJson.string;
import static dev.vigil.model.teacher.tfjs.GraphJson.strings;
import static dev.vigil.model.teacher.tfjs.GraphJson.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each tricky op of the reader against TF.js itself (the wasm oracle) on one small graph: 'SAME' padding where it is
 * asymmetric (stride 2 on odd and even sizes, 5×5 windows, dilation), depthwise convolution with a channel
 * multiplier, fused bias + activation, max pooling over padded borders with negative values, the three bilinear
 * resize conventions at non-integer scales, TopK on a row full of ties, StridedSlice masks and negative indices (not
 * shrinking an axis while striding another: TF.js 4.22 gets that wrong, see StridedSliceSpecTest),
 * GatherV2 on an inner axis, integer floor division and modulo of negative numbers, multi-axis Mean, Pad, Transpose.
 */
class TfjsOpsOracleTest {

    private static final long[] INPUT_SHAPE = {1, 9, 10, 4};
    private static final double TOLERANCE = 1e-4;
    private static final List<String> OUTPUTS = List.of(
            "conv_k3_s2",
            "conv_k5_s2_relu6",
            "conv_dilated",
            "conv_valid_s2_relu",
            "depthwise_s2_m2_relu",
            "depthwise_k5",
            "maxpool_s2",
            "resize_legacy",
            "resize_align_corners",
            "resize_half_pixel",
            "resize_legacy_down",
            "topk",
            "topk:1",
            "slice_masks",
            "slice_stride",
            "gather_axis2",
            "mean_keep",
            "expand",
            "concat",
            "floordiv",
            "floormod",
            "pad",
            "transpose",
            "leaky");

    @TempDir
    static Path tmp;

    private static Map<String, TfjsOracle.Output> oracle;
    private static Map<String, float[]> javaValues;
    private static Map<String, long[]> javaShapes;

    @BeforeAll
    static void runBoth() throws Exception {
        Path model = graph().write(tmp.resolve("model"));
        float[] input = input();
        oracle = TfjsOracle.run(model, List.of(input), OUTPUTS, tmp.resolve("oracle"))
                .get(0);
        javaValues = new HashMap<>();
        javaShapes = new HashMap<>();
        try (NDManager manager = NDManager.newBaseManager();
                GraphExecutor executor = GraphExecutor.load(GraphModel.read(model), manager)) {
            Map<String, NDArray> out =
                    executor.run(Map.of("x", manager.create(input, new Shape(INPUT_SHAPE))), OUTPUTS, manager);
            out.forEach((name, array) -> {
                javaValues.put(name, array.toType(DataType.FLOAT32, false).toFloatArray());
                javaShapes.put(name, array.getShape().getShape());
            });
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "conv_k3_s2",
                "conv_k5_s2_relu6",
                "conv_dilated",
                "conv_valid_s2_relu",
                "depthwise_s2_m2_relu",
                "depthwise_k5",
                "maxpool_s2",
                "resize_legacy",
                "resize_align_corners",
                "resize_half_pixel",
                "resize_legacy_down",
                "topk",
                "topk:1",
                "slice_masks",
                "slice_stride",
                "gather_axis2",
                "mean_keep",
                "expand",
                "concat",
                "floordiv",
                "floormod",
                "pad",
                "transpose",
                "leaky"
            })
    void matchesTfjs(String output) {
        TfjsOracle.Output expected = oracle.get(output);
        assertThat(javaShapes.get(output)).as(output + " shape").containsExactly(expected.shape());
        float[] actual = javaValues.get(output);
        for (int i = 0; i < actual.length; i++) {
            int at = i;
            assertThat((double) actual[i])
                    .as(() -> output + "[" + at + "] of " + Arrays.toString(expected.shape()))
                    .isCloseTo(expected.values()[i], offset(TOLERANCE));
        }
    }

    @Test
    void topKSeesTiesAndPadsMatter() {
        // the test input is only worth something if TopK meets ties and max pooling meets negative borders
        float[] values = oracle.get("topk").values();
        long distinct = IntStream.range(0, values.length)
                .mapToDouble(i -> values[i])
                .distinct()
                .count();
        assertThat(distinct).isLessThan(values.length / 4);
        assertThat(input()).contains(-5f);
    }

    /** Integers -5..5 (ties, negative borders), in a pattern that is not symmetric. */
    static float[] input() {
        float[] x = new float[(int) new Shape(INPUT_SHAPE).size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37 + i / 7) % 11 - 5;
        }
        return x;
    }

    private static float[] random(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian() * 0.3f;
        }
        return v;
    }

    private static GraphJson graph() {
        Random random = new Random(13);
        GraphJson g = new GraphJson().input("x", INPUT_SHAPE);
        g.floats("w3", new long[] {3, 3, 4, 5}, random(random, 180));
        g.floats("w5", new long[] {5, 5, 4, 3}, random(random, 300));
        g.floats("b3", new long[] {3}, random(random, 3));
        g.floats("w3b", new long[] {3, 3, 4, 2}, random(random, 72));
        g.floats("b2", new long[] {2}, random(random, 2));
        g.floats("dw", new long[] {3, 3, 4, 2}, random(random, 72));
        g.floats("b8", new long[] {8}, random(random, 8));
        g.floats("dw5", new long[] {5, 5, 4, 1}, random(random, 100));
        Object[] same = {"padding", string("SAME"), "data_format", string("NHWC")};
        Object[] stride2 = {"strides", intList(1, 2, 2, 1)};
        Object[] stride1 = {"strides", intList(1, 1, 1, 1)};
        Object[] undilated = {"dilations", intList(1, 1, 1, 1)};
        g.op("conv_k3_s2", "Conv2D", List.of("x", "w3"), concat(same, stride2, undilated));
        g.op("conv_k5_s2_relu6", "_FusedConv2D", List.of("x", "w5", "b3"), concat(same, stride2, new Object[] {
            "fused_ops", strings("BiasAdd", "Relu6"), "num_args", integer(1)
        }));
        g.op("conv_dilated", "Conv2D", List.of("x", "w3b"), concat(same, stride1, new Object[] {
            "dilations", intList(1, 2, 2, 1)
        }));
        g.op(
                "conv_valid_s2_relu",
                "_FusedConv2D",
                List.of("x", "w3b", "b2"),
                "padding",
                string("VALID"),
                "dilations",
                intList(1, 1, 1, 1),
                "data_format",
                string("NHWC"),
                "strides",
                intList(1, 2, 2, 1),
                "fused_ops",
                strings("BiasAdd", "Relu"),
                "num_args",
                integer(1));
        g.op(
                "depthwise_s2_m2_relu",
                "FusedDepthwiseConv2dNative",
                List.of("x", "dw", "b8"),
                concat(same, stride2, undilated, new Object[] {
                    "fused_ops", strings("BiasAdd", "Relu"), "num_args", integer(1)
                }));
        g.op("depthwise_k5", "DepthwiseConv2dNative", List.of("x", "dw5"), concat(same, stride1, undilated));
        g.op("maxpool_s2", "MaxPool", List.of("x"), concat(same, stride2, new Object[] {"ksize", intList(1, 3, 3, 1)}));
        g.ints("size_up", new long[] {2}, 13, 7);
        g.ints("size_down", new long[] {2}, 4, 6);
        g.op(
                "resize_legacy",
                "ResizeBilinear",
                List.of("x", "size_up"),
                "align_corners",
                bool(false),
                "half_pixel_centers",
                bool(false));
        g.op(
                "resize_align_corners",
                "ResizeBilinear",
                List.of("x", "size_down"),
                "align_corners",
                bool(true),
                "half_pixel_centers",
                bool(false));
        g.op(
                "resize_half_pixel",
                "ResizeBilinear",
                List.of("x", "size_up"),
                "align_corners",
                bool(false),
                "half_pixel_centers",
                bool(true));
        g.op(
                "resize_legacy_down",
                "ResizeBilinear",
                List.of("x", "size_down"),
                "align_corners",
                bool(false),
                "half_pixel_centers",
                bool(false));
        g.ints("row_shape", new long[] {2}, 1, -1);
        g.op("row", "Reshape", List.of("x", "row_shape"));
        g.ints("k", new long[] {}, 40);
        g.op("topk", "TopKV2", List.of("row", "k"), "sorted", bool(true));
        g.ints("begin1", new long[] {4}, 0, -4, 1, 2);
        g.ints("end1", new long[] {4}, 1, 0, 9, 3);
        g.ints("strides1", new long[] {4}, 1, 1, 1, 1);
        g.op(
                "slice_masks",
                "StridedSlice",
                List.of("x", "begin1", "end1", "strides1"),
                "begin_mask",
                integer(1),
                "end_mask",
                integer(2),
                "shrink_axis_mask",
                integer(8),
                "ellipsis_mask",
                integer(0),
                "new_axis_mask",
                integer(0));
        g.ints("begin2", new long[] {3}, 0, 1, -20);
        g.ints("end2", new long[] {3}, 0, 100, 7);
        g.ints("strides2", new long[] {3}, 1, 3, 2);
        g.op(
                "slice_stride",
                "StridedSlice",
                List.of("x", "begin2", "end2", "strides2"),
                "begin_mask",
                integer(1),
                "end_mask",
                integer(1),
                "shrink_axis_mask",
                integer(0),
                "ellipsis_mask",
                integer(0),
                "new_axis_mask",
                integer(0));
        g.ints("indices", new long[] {3}, 3, 0, 3);
        g.ints("axis2", new long[] {}, 2);
        g.op("gather_axis2", "GatherV2", List.of("x", "indices", "axis2"), "batch_dims", integer(0));
        g.ints("hw", new long[] {2}, 1, 2);
        g.op("mean_keep", "Mean", List.of("x", "hw"), "keep_dims", bool(true));
        g.ints("last", new long[] {}, -1);
        g.op("expand", "ExpandDims", List.of("mean_keep", "last"));
        g.op("concat", "ConcatV2", List.of("conv_k3_s2", "maxpool_s2", "last"), "N", integer(2));
        g.op("xi", "Cast", List.of("x"), "SrcT", type("DT_FLOAT"), "DstT", type("DT_INT32"));
        g.ints("three", new long[] {}, 3);
        g.op("floordiv", "FloorDiv", List.of("xi", "three"));
        g.op("floormod", "FloorMod", List.of("xi", "three"));
        g.ints("paddings", new long[] {4, 2}, 0, 0, 1, 2, 0, 1, 0, 0);
        g.op("pad", "Pad", List.of("x", "paddings"));
        g.ints("perm", new long[] {4}, 0, 3, 1, 2);
        g.op("transpose", "Transpose", List.of("x", "perm"));
        g.op("leaky", "LeakyRelu", List.of("x"), "alpha", real(0.1f));
        return g;
    }

    private static Object[] concat(Object[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray();
    }
}
