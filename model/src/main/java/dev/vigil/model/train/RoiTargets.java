package dev.vigil.model.train;

import dev.vigil.model.box.BoxIou;
import dev.vigil.model.box.Boxes;
import java.util.Random;

/**
 * Draws Fast R-CNN's training RoIs of one image from its proposals ({@link RoiSamplingSettings}): foreground RoIs
 * take their ground truth's class, background RoIs class 0; a proposal inside an ignore region is never background
 * ({@link IgnoreRegions}).
 */
public final class RoiTargets {

    private final RoiSamplingSettings settings;
    private final BalancedSampler sampler;

    public RoiTargets(RoiSamplingSettings settings) {
        this.settings = settings;
        this.sampler = new BalancedSampler(settings.roisPerImage(), settings.positiveFraction());
    }

    /**
     * The sampled RoIs, foreground first.
     *
     * @param rois K×4 boxes
     * @param classes K class indices (0 = background)
     * @param matchedBoxes K×4 ground truth of each RoI (zeros for background)
     */
    public record RoiSample(float[] rois, int[] classes, float[] matchedBoxes) {
        public int size() {
            return classes.length;
        }

        public int foreground() {
            int n = 0;
            for (int c : classes) {
                n += c > 0 ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * @param proposals P×4 proposals in the resized image's pixels
     * @param groundTruth G×4 boxes
     * @param groundTruthClasses G class indices ≥ 1
     */
    public RoiSample sample(float[] proposals, float[] groundTruth, int[] groundTruthClasses, Random random) {
        return sample(proposals, groundTruth, groundTruthClasses, new float[0], random);
    }

    /**
     * As {@link #sample(float[], float[], int[], Random)}, with ignore regions.
     *
     * @param ignoreRegions I×4 regions in the resized image's pixels where no RoI is background (I may be 0)
     */
    public RoiSample sample(
            float[] proposals, float[] groundTruth, int[] groundTruthClasses, float[] ignoreRegions, Random random) {
        int g = Boxes.count(groundTruth, "ground-truth boxes");
        if (g != groundTruthClasses.length) {
            throw new IllegalArgumentException(g + " ground-truth boxes but " + groundTruthClasses.length + " classes");
        }
        float[] candidates = proposals;
        if (settings.addGroundTruth() && g > 0) {
            candidates = java.util.Arrays.copyOf(proposals, proposals.length + groundTruth.length);
            System.arraycopy(groundTruth, 0, candidates, proposals.length, groundTruth.length);
        }
        int k = Boxes.count(candidates, "proposals");
        int[] best = new int[k];
        float[] bestIou = new float[k];
        if (g > 0) {
            float[] iou = BoxIou.matrix(groundTruth, candidates);
            java.util.Arrays.fill(bestIou, -1f);
            for (int j = 0; j < g; j++) {
                for (int i = 0; i < k; i++) {
                    if (iou[j * k + i] > bestIou[i]) {
                        bestIou[i] = iou[j * k + i];
                        best[i] = j;
                    }
                }
            }
        }
        boolean[] ignored = IgnoreRegions.covered(candidates, ignoreRegions, IgnoreRegions.DEFAULT_IOF_THRESHOLD);
        int[] foreground = new int[k];
        int[] background = new int[k];
        int fg = 0;
        int bg = 0;
        for (int i = 0; i < k; i++) {
            if (g > 0 && bestIou[i] >= settings.foregroundIou()) {
                foreground[fg++] = i;
            } else if (bestIou[i] < settings.backgroundHighIou()
                    && bestIou[i] >= settings.backgroundLowIou()
                    && !ignored[i]) {
                background[bg++] = i;
            }
        }
        BalancedSampler.Sample sample = sampler.sample(
                java.util.Arrays.copyOf(foreground, fg), java.util.Arrays.copyOf(background, bg), random);
        int n = sample.size();
        float[] rois = new float[n * 4];
        int[] classes = new int[n];
        float[] matched = new float[n * 4];
        int row = 0;
        for (int i : sample.positives()) {
            System.arraycopy(candidates, i * 4, rois, row * 4, 4);
            System.arraycopy(groundTruth, best[i] * 4, matched, row * 4, 4);
            classes[row++] = groundTruthClasses[best[i]];
        }
        for (int i : sample.negatives()) {
            System.arraycopy(candidates, i * 4, rois, row * 4, 4);
            row++;
        }
        return new RoiSample(rois, classes, matched);
    }
}
