package dev.vigil.model.roi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link PoolingPath#INFERENCE inference} path against the {@link PoolingPath#DIFFERENTIABLE differentiable}
 * one on random maps, with RoIs that stress the border rules: partly and wholly outside the map, within one pixel
 * of it, zero-sized, sub-pixel, reversed, and on two images.
 */
class InferencePathParityTest {

    private static final float TOLERANCE = 1e-5f;
    private static final int IMAGES = 2;
    private static final int CHANNELS = 5;
    private static final int HEIGHT = 13;
    private static final int WIDTH = 17;

    static Stream<Arguments> roiAlignSettings() {
        List<Arguments> settings = new ArrayList<>();
        for (int samplingRatio : new int[] {1, 2, 3, 0, RoiAlign.ADAPTIVE_SAMPLING}) {
            for (boolean aligned : new boolean[] {false, true}) {
                settings.add(Arguments.of(new RoiAlign(7, 7, 0.25f, samplingRatio, aligned)));
                settings.add(Arguments.of(new RoiAlign(3, 5, 1f / 16, samplingRatio, aligned)));
            }
        }
        return settings.stream();
    }

    @ParameterizedTest
    @MethodSource("roiAlignSettings")
    void roiAlignPathsAgree(RoiAlign op) {
        assertPathsAgree(op, op.spatialScale());
    }

    static Stream<Arguments> roiPoolSettings() {
        return Stream.of(
                Arguments.of(new RoiPool(7, 7, 1f / 16)),
                Arguments.of(new RoiPool(3, 5, 0.5f)),
                Arguments.of(new RoiPool(2, 2, 1f)));
    }

    @ParameterizedTest
    @MethodSource("roiPoolSettings")
    void roiPoolPathsAgree(RoiPool op) {
        assertPathsAgree(op, op.spatialScale());
    }

    @ParameterizedTest
    @MethodSource("roiAlignSettings")
    void multiScaleRoiAlignPathsAgree(RoiAlign settings) {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(settings.samplingRatio() + 10);
            Map<String, NDArray> pyramid = new LinkedHashMap<>();
            int[] imageSize = {200, 264};
            for (int level = 0, stride = 4; level < 3; level++, stride *= 2) {
                pyramid.put(
                        String.valueOf(level),
                        m.randomNormal(new Shape(IMAGES, CHANNELS, imageSize[0] / stride, imageSize[1] / stride)));
            }
            pyramid.put("pool", m.randomNormal(new Shape(IMAGES, CHANNELS, 4, 4)));
            MultiScaleRoiAlign op = new MultiScaleRoiAlign(
                    List.of("0", "1", "2"),
                    settings.outputHeight(),
                    settings.outputWidth(),
                    settings.samplingRatio(),
                    LevelMapper.CANONICAL_SCALE,
                    LevelMapper.CANONICAL_LEVEL,
                    LevelMapper.EPS);
            List<float[]> boxes = List.of(
                    boxesOf(awkwardRois(random, imageSize[1], imageSize[0])), boxesOf(awkwardRois(random, 250, 190)));
            List<int[]> sizes = List.of(imageSize, new int[] {190, 250});

            assertSameValues(
                    op.apply(pyramid, boxes, sizes, PoolingPath.INFERENCE),
                    op.apply(pyramid, boxes, sizes, PoolingPath.DIFFERENTIABLE));
        }
    }

    private static void assertPathsAgree(RoiPooler op, float spatialScale) {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(Float.floatToIntBits(spatialScale));
            NDArray features = m.randomNormal(new Shape(IMAGES, CHANNELS, HEIGHT, WIDTH));
            float[] rois = awkwardRois(random, WIDTH / spatialScale, HEIGHT / spatialScale);

            assertSameValues(
                    op.apply(features, rois, PoolingPath.INFERENCE),
                    op.apply(features, rois, PoolingPath.DIFFERENTIABLE));
        }
    }

    private static void assertSameValues(NDArray inference, NDArray differentiable) {
        assertThat(inference.getShape()).isEqualTo(differentiable.getShape());
        float[] actual = inference.toFloatArray();
        float[] expected = differentiable.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("value %d", i).isCloseTo(expected[i], within(TOLERANCE));
        }
    }

    /** K×5 RoIs on an image of width×height pixels: random ones and every awkward case, on both images. */
    static float[] awkwardRois(Random random, float width, float height) {
        List<float[]> boxes = new ArrayList<>(List.of(
                new float[] {-0.4f * width, -0.3f * height, 0.3f * width, 0.4f * height}, // partly left/above
                new float[] {0.7f * width, 0.6f * height, 1.4f * width, 1.5f * height}, // partly right/below
                new float[] {1.2f * width, 1.1f * height, 1.6f * width, 1.9f * height}, // wholly outside
                new float[] {-0.9f * width, -0.8f * height, -0.2f * width, -0.1f * height}, // wholly before
                new float[] {0, 0, width, height}, // the whole image
                new float[] {width * 0.999f, height * 0.999f, width * 1.002f, height * 1.003f}, // at the far corner
                new float[] {0.5f * width, 0.5f * height, 0.5f * width, 0.5f * height}, // zero-sized
                new float[] {0.3f * width, 0.2f * height, 0.3f * width + 0.3f, 0.2f * height + 0.2f}, // sub-pixel
                new float[] {0.6f * width, 0.5f * height, 0.4f * width, 0.3f * height})); // reversed
        for (int i = 0; i < 12; i++) {
            float x = (random.nextFloat() * 1.2f - 0.1f) * width;
            float y = (random.nextFloat() * 1.2f - 0.1f) * height;
            boxes.add(new float[] {x, y, x + random.nextFloat() * width / 2, y + random.nextFloat() * height / 2});
        }
        float[] rois = new float[IMAGES * boxes.size() * Rois.STRIDE];
        int o = 0;
        for (int image = 0; image < IMAGES; image++) {
            for (float[] box : boxes) {
                rois[o++] = image;
                System.arraycopy(box, 0, rois, o, 4);
                o += 4;
            }
        }
        return rois;
    }

    private static float[] boxesOf(float[] rois) {
        float[] boxes = new float[rois.length / Rois.STRIDE * 4];
        for (int i = 0; i < rois.length / Rois.STRIDE; i++) {
            System.arraycopy(rois, i * Rois.STRIDE + 1, boxes, 4 * i, 4);
        }
        return boxes;
    }
}
