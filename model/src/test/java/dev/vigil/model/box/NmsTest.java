package dev.vigil.model.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NmsTest {

    @Test
    void emptyInputKeepsNothing() {
        assertThat(Nms.nms(new float[0], new float[0], 0.5)).isEmpty();
    }

    @Test
    void keepsByDecreasingScoreAndSuppressesOverlaps() {
        float[] boxes = {0, 0, 10, 10, 1, 1, 11, 11, 50, 50, 60, 60};
        float[] scores = {0.5f, 0.9f, 0.7f};
        assertThat(Nms.nms(boxes, scores, 0.5)).containsExactly(1, 2);
    }

    @Test
    void equalScoresKeepTheLowerIndexFirst() {
        float[] boxes = {0, 0, 10, 10, 0, 0, 10, 10, 20, 20, 30, 30, 40, 40, 50, 50};
        float[] scores = {0.3f, 0.3f, 0.8f, 0.3f};
        assertThat(Nms.nms(boxes, scores, 0.5)).containsExactly(2, 0, 3);
    }

    @Test
    void identicalBoxesAreAllSuppressedButTheBest() {
        float[] boxes = {5, 5, 9, 9, 5, 5, 9, 9, 5, 5, 9, 9};
        assertThat(Nms.nms(boxes, new float[] {0.1f, 0.2f, 0.15f}, 0.0)).containsExactly(1);
    }

    @Test
    void suppressesOnlyAboveTheThreshold() {
        float[] boxes = {0, 0, 2, 1, 0, 0, 1, 1};
        float[] scores = {0.9f, 0.8f};
        assertThat(Nms.nms(boxes, scores, 0.5))
                .as("IoU exactly 0.5 is not above 0.5")
                .containsExactly(0, 1);
        assertThat(Nms.nms(boxes, scores, 0.49)).containsExactly(0);
    }

    @Test
    void onePixelAndBorderTouchingBoxes() {
        float[] boxes = {0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 2, 1, 0, 1, 1, 2};
        float[] scores = {0.9f, 0.8f, 0.7f, 0.6f};
        assertThat(Nms.nms(boxes, scores, 0.3)).containsExactly(0, 2, 3);
    }

    @Test
    void batchedNmsNeverSuppressesAcrossClasses() {
        float[] boxes = {0, 0, 10, 10, 0, 0, 10, 10, 0, 0, 10, 10, 0, 0, 10, 10};
        float[] scores = {0.9f, 0.8f, 0.7f, 0.6f};
        int[] classes = {7, -3, 7, 1000};
        assertThat(Nms.batchedNms(boxes, scores, classes, 0.5, Nms.KEEP_ALL)).containsExactly(0, 1, 3);
    }

    @Test
    void batchedNmsEqualsGreedyPerClassReferenceOnRandomBoxes() {
        Random random = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(300);
            float[] boxes = randomBoxes(random, n, 200f, 60f);
            float[] scores = new float[n];
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(50) / 50f;
                classes[i] = random.nextInt(4);
            }
            double threshold = 0.2 + 0.6 * random.nextDouble();
            assertThat(Nms.batchedNms(boxes, scores, classes, threshold, Nms.KEEP_ALL))
                    .containsExactly(referenceNms(boxes, scores, classes, threshold));
        }
    }

    @Test
    void prunedSearchEqualsReferenceOnDenseOverlapsAtAnyThreshold() {
        Random random = new Random(11);
        int n = 400;
        float[] boxes = new float[4 * n];
        for (int i = 0; i < n; i++) {
            // Copies and near-copies of a few boxes, some degenerate: IoUs crowd around every threshold.
            int base = random.nextInt(6);
            float x = 10 * base + random.nextInt(3) * 0.5f;
            float y = 7 * base + random.nextInt(3) * 0.25f;
            float w = random.nextInt(10) == 0 ? 0 : 20 + random.nextInt(4);
            boxes[4 * i] = x;
            boxes[4 * i + 1] = y;
            boxes[4 * i + 2] = x + w;
            boxes[4 * i + 3] = y + 15 + random.nextInt(4);
        }
        float[] scores = new float[n];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(20);
            classes[i] = random.nextInt(2);
        }
        for (double threshold : new double[] {-0.5, 0.0, 0.05, 0.3, 0.5, 0.7, 0.9, 0.99, 1.0}) {
            assertThat(Nms.batchedNms(boxes, scores, classes, threshold, Nms.KEEP_ALL))
                    .as("threshold %s", threshold)
                    .containsExactly(referenceNms(boxes, scores, classes, threshold));
        }
    }

    @Test
    void floatThresholdComparesLikeTheDoubleThreshold() {
        for (double threshold : new double[] {0.3, 0.5, 0.7, 0.1, 1.0 / 3, 0.0}) {
            float t = (float) threshold;
            for (float iou : new float[] {
                Math.nextDown(Math.nextDown(t)), Math.nextDown(t), t, Math.nextUp(t), Math.nextUp(Math.nextUp(t))
            }) {
                assertThat(iou > Nms.floatThreshold(threshold))
                        .as("%s > %s", iou, threshold)
                        .isEqualTo((double) iou > threshold);
            }
        }
    }

    @Test
    void maxKeptReturnsThePrefixOfTheFullResult() {
        Random random = new Random(7);
        float[] boxes = randomBoxes(random, 500, 300f, 50f);
        float[] scores = new float[500];
        int[] classes = new int[500];
        for (int i = 0; i < 500; i++) {
            scores[i] = random.nextFloat();
            classes[i] = i % 3;
        }
        int[] all = Nms.batchedNms(boxes, scores, classes, 0.5, Nms.KEEP_ALL);
        assertThat(all.length).isGreaterThan(20);
        assertThat(Nms.batchedNms(boxes, scores, classes, 0.5, 20)).containsExactly(Arrays.copyOf(all, 20));
    }

    @Test
    void engineWrapperEqualsPrimitiveNms() {
        Random random = new Random(3);
        float[] boxes = randomBoxes(random, 100, 100f, 40f);
        float[] scores = new float[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = random.nextFloat();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            long[] kept = Nms.nms(m.create(boxes, new Shape(100, 4)), m.create(scores), 0.4)
                    .toLongArray();
            assertThat(kept)
                    .containsExactly(Arrays.stream(Nms.nms(boxes, scores, 0.4))
                            .asLongStream()
                            .toArray());
        }
    }

    @Test
    void rejectsNaNScoresAndMismatchedLengths() {
        assertThatThrownBy(() -> Nms.nms(new float[] {0, 0, 1, 1}, new float[] {Float.NaN}, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scores[0]");
        assertThatThrownBy(() -> Nms.nms(new float[] {0, 0, 1, 1}, new float[] {1, 2}, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one score per box");
    }

    static float[] randomBoxes(Random random, int n, float extent, float maxSide) {
        float[] boxes = new float[4 * n];
        for (int i = 0; i < n; i++) {
            float x = random.nextFloat() * extent;
            float y = random.nextFloat() * extent;
            boxes[4 * i] = x;
            boxes[4 * i + 1] = y;
            boxes[4 * i + 2] = x + 1 + random.nextFloat() * maxSide;
            boxes[4 * i + 3] = y + 1 + random.nextFloat() * maxSide;
        }
        return boxes;
    }

    /** Textbook greedy NMS per class, on the IoU matrix. */
    private static int[] referenceNms(float[] boxes, float[] scores, int[] classes, double threshold) {
        int n = scores.length;
        float[] iou = BoxIou.matrix(boxes, boxes);
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        boolean[] removed = new boolean[n];
        List<Integer> keep = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            int i = order.get(a);
            if (removed[i]) {
                continue;
            }
            keep.add(i);
            for (int b = a + 1; b < n; b++) {
                int j = order.get(b);
                if (classes[j] == classes[i] && iou[i * n + j] > threshold) {
                    removed[j] = true;
                }
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }
}
