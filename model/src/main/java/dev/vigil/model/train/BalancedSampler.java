package dev.vigil.model.train;

import java.util.Random;

/**
 * Samples a mini-batch of positives and negatives from labelled candidates, at most {@code batchSize} with up to
 * {@code positiveFraction} positives, filling with negatives (torchvision's
 * {@code BalancedPositiveNegativeSampler}; the paper's 256 anchors at up to 1:1, and Fast R-CNN's 25% foreground).
 */
public final class BalancedSampler {

    private final int batchSize;
    private final double positiveFraction;

    public BalancedSampler(int batchSize, double positiveFraction) {
        if (batchSize <= 0 || !(positiveFraction >= 0 && positiveFraction <= 1)) {
            throw new IllegalArgumentException(
                    "need batch size > 0 and positive fraction in [0, 1], got " + batchSize + ", " + positiveFraction);
        }
        this.batchSize = batchSize;
        this.positiveFraction = positiveFraction;
    }

    /** The chosen candidates: indices of positives and of negatives, each in random order. */
    public record Sample(int[] positives, int[] negatives) {
        public int size() {
            return positives.length + negatives.length;
        }
    }

    /**
     * @param positive candidates that are positive
     * @param negative candidates that are negative (a candidate is at most one of the two)
     */
    public Sample sample(int[] positive, int[] negative, Random random) {
        int positives = Math.min(positive.length, (int) (batchSize * positiveFraction));
        int negatives = Math.min(negative.length, batchSize - positives);
        return new Sample(choose(positive, positives, random), choose(negative, negatives, random));
    }

    /** {@code count} distinct entries of {@code from}, by a partial Fisher–Yates shuffle of a copy. */
    private static int[] choose(int[] from, int count, Random random) {
        int[] pool = from.clone();
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return java.util.Arrays.copyOf(pool, count);
    }
}
