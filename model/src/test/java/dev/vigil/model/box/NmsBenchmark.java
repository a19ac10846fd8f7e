package dev.vigil.model.box;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Times {@link Nms} on random boxes (no test framework): {@code java -cp <test classpath> dev.vigil.model.box.NmsBenchmark
 * [boxes] [rounds]}. Prints the median milliseconds of greedy NMS and of 5-class batched NMS at IoU 0.7.
 */
public final class NmsBenchmark {

    private static final int DEFAULT_BOXES = 6000;
    private static final int DEFAULT_ROUNDS = 50;
    private static final int WARMUP_ROUNDS = 20;
    private static final double IOU_THRESHOLD = 0.7;

    private NmsBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_BOXES;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROUNDS;
        Random random = new Random(2015);
        float[] boxes = NmsTest.randomBoxes(random, n, 1000f, 200f);
        float[] scores = new float[n];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextFloat();
            classes[i] = random.nextInt(5);
        }
        System.out.printf(
                "nms, %d boxes: %.2f ms%n", n, medianMillis(rounds, () -> Nms.nms(boxes, scores, IOU_THRESHOLD)));
        System.out.printf(
                "batched nms (5 classes), %d boxes: %.2f ms%n",
                n, medianMillis(rounds, () -> Nms.batchedNms(boxes, scores, classes, IOU_THRESHOLD, Nms.KEEP_ALL)));
        float[] proposals = rpnLikeBoxes(random, n);
        System.out.printf(
                "nms, %d RPN-like boxes (jittered paper anchors, 600x1000): %.2f ms%n",
                n, medianMillis(rounds, () -> Nms.nms(proposals, scores, IOU_THRESHOLD)));
    }

    /** Paper anchors (stride 16 on 600×1000) picked at random and jittered by up to ±8 px per corner. */
    static float[] rpnLikeBoxes(Random random, int n) {
        float[] anchors = dev.vigil.model.anchor.AnchorConfig.paper()
                .toGenerator()
                .anchors(600, 1000, List.of(new int[] {37, 62}));
        int count = anchors.length / 4;
        float[] boxes = new float[4 * n];
        for (int i = 0; i < n; i++) {
            int a = random.nextInt(count);
            for (int c = 0; c < 4; c++) {
                boxes[4 * i + c] = anchors[4 * a + c] + (random.nextFloat() - 0.5f) * 16;
            }
        }
        return boxes;
    }

    /** Median wall time of {@code rounds} runs after a warm-up. */
    static double medianMillis(int rounds, Runnable run) {
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            run.run();
        }
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            run.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[rounds / 2];
    }
}
