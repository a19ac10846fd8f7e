package dev.vigil.model.train;

import dev.vigil.model.box.BoxIou;
import dev.vigil.model.box.Boxes;

/**
 * Ignore regions of a training image (COCO {@code iscrowd}; pseudo-labels too uncertain to be called objects or
 * background): an anchor or proposal lying mostly inside one is never sampled as a negative, so the network is not
 * taught that a person it cannot be sure of is background. Positives keep their label. This is mmdetection's
 * {@code MaxIoUAssigner} with {@code ignore_iof_thr}: the overlap is the intersection over the candidate's own area.
 */
public final class IgnoreRegions {

    /** A candidate with at least half of its area inside an ignore region is not a negative (mmdetection's usual 0.5). */
    public static final float DEFAULT_IOF_THRESHOLD = 0.5f;

    private IgnoreRegions() {}

    /**
     * Which candidates lie inside an ignore region.
     *
     * @param candidates K×4 boxes (anchors or proposals)
     * @param regions I×4 ignore regions in the same pixels (I may be 0)
     * @return per candidate, whether the intersection with some region covers at least {@code iofThreshold} of it
     */
    public static boolean[] covered(float[] candidates, float[] regions, float iofThreshold) {
        int k = Boxes.count(candidates, "candidates");
        int r = Boxes.count(regions, "ignore regions");
        boolean[] covered = new boolean[k];
        if (r == 0) {
            return covered;
        }
        float[] iof = BoxIou.intersectionOverFirst(candidates, regions);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < r; j++) {
                if (iof[i * r + j] >= iofThreshold) {
                    covered[i] = true;
                    break;
                }
            }
        }
        return covered;
    }
}
