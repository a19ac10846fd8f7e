package dev.vigil.model.eval;

import java.util.Arrays;

/**
 * Orders detections best first and keeps the given order among equal scores, as numpy's stable
 * {@code argsort(-scores, kind='mergesort')} in pycocotools does.
 */
final class ScoreOrder {

    private ScoreOrder() {}

    /** Indices of {@code scores} by decreasing score, ties in increasing index. */
    static int[] descending(float[] scores) {
        long[] keys = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            keys[i] = ((long) descendingKey(scores[i]) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    /** A signed int whose ascending order is the descending order of the float (NaN last, -0 equal to 0). */
    private static int descendingKey(float score) {
        if (Float.isNaN(score)) {
            return Integer.MAX_VALUE;
        }
        int bits = Float.floatToIntBits(score == 0f ? 0f : score);
        int ascending = bits < 0 ? ~bits : bits | Integer.MIN_VALUE;
        return ~ascending ^ Integer.MIN_VALUE;
    }
}
