package dev.vigil.model.train;

import dev.vigil.model.box.BoxIou;
import dev.vigil.model.box.Boxes;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.rpn.RpnConfig;
import java.util.Random;

/**
 * The RPN's training labels for one image (the paper's section 3.1.2): an anchor is positive at IoU &gt; 0.7 with a
 * ground-truth box or when it is that box's best anchor, negative below 0.3 with every box, ignored otherwise;
 * anchors crossing the image border are ignored (the paper; {@link #KEEP_CROSS_BOUNDARY} keeps them, as
 * torchvision), and so are would-be negatives inside an ignore region ({@link IgnoreRegions}); then 256 are sampled
 * at up to 1:1.
 */
public final class AnchorTargets {

    /** Cross-boundary allowance that keeps every anchor (torchvision). */
    public static final float KEEP_CROSS_BOUNDARY = Float.POSITIVE_INFINITY;
    /** The paper: anchors reaching past the image by any amount are ignored. */
    public static final float PAPER_CROSS_BOUNDARY = 0f;

    private final IouMatcher matcher;
    private final BalancedSampler sampler;
    private final float crossBoundaryAllowance;

    /**
     * @param crossBoundaryAllowance pixels an anchor may reach past the image before it is ignored
     */
    public AnchorTargets(RpnConfig config, float crossBoundaryAllowance) {
        this.matcher = new IouMatcher(config.fgIouThreshold(), config.bgIouThreshold(), true);
        this.sampler = new BalancedSampler(config.batchSizePerImage(), config.positiveFraction());
        if (!(crossBoundaryAllowance >= 0)) {
            throw new IllegalArgumentException("cross-boundary allowance must be >= 0, got " + crossBoundaryAllowance);
        }
        this.crossBoundaryAllowance = crossBoundaryAllowance;
    }

    /**
     * The sampled anchors of one image and, for the positives, their ground-truth boxes.
     *
     * @param sample anchor indices
     * @param matchedBoxes P×4: the ground truth of each of {@code sample.positives()}, in order
     */
    public record ImageTargets(BalancedSampler.Sample sample, float[] matchedBoxes) {}

    /**
     * @param anchors A×4 anchors in the padded batch's pixels
     * @param groundTruth G×4 boxes in the resized image's pixels (G may be 0)
     * @param imageSize the resized image before padding
     */
    public ImageTargets assign(float[] anchors, float[] groundTruth, ImageSize imageSize, Random random) {
        return assign(anchors, groundTruth, new float[0], imageSize, random);
    }

    /**
     * As {@link #assign(float[], float[], ImageSize, Random)}, with ignore regions.
     *
     * @param ignoreRegions I×4 regions in the resized image's pixels where no anchor is a negative (I may be 0)
     */
    public ImageTargets assign(
            float[] anchors, float[] groundTruth, float[] ignoreRegions, ImageSize imageSize, Random random) {
        int a = Boxes.count(anchors, "anchors");
        int g = Boxes.count(groundTruth, "ground-truth boxes");
        int[] matches = new int[a];
        if (g == 0) {
            java.util.Arrays.fill(matches, IouMatcher.BELOW_LOW);
        } else {
            matches = matcher.match(BoxIou.matrix(groundTruth, anchors), g);
        }
        boolean[] ignored = IgnoreRegions.covered(anchors, ignoreRegions, IgnoreRegions.DEFAULT_IOF_THRESHOLD);
        int[] positive = new int[a];
        int[] negative = new int[a];
        int positives = 0;
        int negatives = 0;
        for (int i = 0; i < a; i++) {
            if (!insideImage(anchors, i, imageSize)) {
                continue;
            }
            if (matches[i] >= 0) {
                positive[positives++] = i;
            } else if (matches[i] == IouMatcher.BELOW_LOW && !ignored[i]) {
                negative[negatives++] = i;
            }
        }
        BalancedSampler.Sample sample = sampler.sample(
                java.util.Arrays.copyOf(positive, positives), java.util.Arrays.copyOf(negative, negatives), random);
        float[] matched = new float[sample.positives().length * 4];
        for (int i = 0; i < sample.positives().length; i++) {
            System.arraycopy(groundTruth, matches[sample.positives()[i]] * 4, matched, i * 4, 4);
        }
        return new ImageTargets(sample, matched);
    }

    private boolean insideImage(float[] anchors, int i, ImageSize size) {
        float allowance = crossBoundaryAllowance;
        return anchors[i * 4] >= -allowance
                && anchors[i * 4 + 1] >= -allowance
                && anchors[i * 4 + 2] < size.width() + allowance
                && anchors[i * 4 + 3] < size.height() + allowance;
    }
}
