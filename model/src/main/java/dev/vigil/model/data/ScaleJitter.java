package dev.vigil.model.data;

import dev.vigil.model.transform.TransformConfig;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks each training image's scale: a shorter side drawn from a list, the longer side capped (the paper's
 * single-scale training uses one side, 600; its multi-scale variant draws from five). The detector's
 * {@link dev.vigil.model.transform.ImageTransform} does the resizing with the settings this returns.
 */
public final class ScaleJitter {

    /** The paper's single-scale training: shorter side 600. */
    private static final int[] PAPER_SINGLE_SCALE = {TransformConfig.PAPER_MIN_SIZE};
    /** The paper's multi-scale training sides (from SPPnet). */
    private static final int[] PAPER_MULTI_SCALE = {480, 576, 688, 864, 1200};
    /** The cap on the longer side with the multi-scale sides (Fast R-CNN's). */
    public static final int PAPER_MULTI_SCALE_MAX_SIZE = 2000;

    private final int[] shorterSides;
    private final int maxSize;

    /**
     * @param shorterSides the sides to draw from, uniformly
     * @param maxSize cap on the longer side
     */
    public ScaleJitter(int[] shorterSides, int maxSize) {
        if (shorterSides.length == 0 || Arrays.stream(shorterSides).anyMatch(side -> side <= 0) || maxSize <= 0) {
            throw new IllegalArgumentException("scale jitter needs positive shorter sides and max size, got "
                    + Arrays.toString(shorterSides) + " and " + maxSize);
        }
        this.shorterSides = shorterSides.clone();
        this.maxSize = maxSize;
    }

    /** The paper's single-scale training: 600, longer side at most 1000. */
    public static ScaleJitter paperSingleScale() {
        return new ScaleJitter(PAPER_SINGLE_SCALE, TransformConfig.PAPER_MAX_SIZE);
    }

    /** The paper's multi-scale training. */
    public static ScaleJitter paperMultiScale() {
        return new ScaleJitter(PAPER_MULTI_SCALE, PAPER_MULTI_SCALE_MAX_SIZE);
    }

    public int pickShorterSide(SplittableRandom random) {
        return shorterSides[random.nextInt(shorterSides.length)];
    }

    /** {@code base} (normalisation, padding) at a freshly drawn scale. */
    public TransformConfig pick(TransformConfig base, SplittableRandom random) {
        return base.withSizes(pickShorterSide(random), maxSize);
    }
}
